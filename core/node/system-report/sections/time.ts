// Time zone and clock sync. Log timestamps are only comparable across hosts when clocks are in
// sync, so say how this one is synchronised, by whichever tool the host has (timedatectl under
// systemd, chronyc, ntpq, ntpstat); when none answers, say plainly that it is unknown.
import { readSmall, readLinkSafe } from '../proc.js';
import type { SectionContext, SystemSection } from '../types.js';

const TOOLS = ['timedatectl', 'chronyc', 'ntpq', 'ntpstat'];

interface SyncProbe {
  tool: string;
  synchronized?: boolean;
  detail?: string;
  error?: string;
}

async function probe(
  ctx: SectionContext,
  tool: string,
  argv: string[],
  interpret: (out: string, exitCode: number | null) => Omit<SyncProbe, 'tool'>,
): Promise<SyncProbe | undefined> {
  const r = await ctx.run(argv, 3_000);
  if (!r.started) return undefined; // not installed
  if (r.timedOut) return { tool, error: 'timed out' };
  const res = interpret(`${r.stdout}\n${r.stderr}`.trim(), r.exitCode);
  return { tool, ...res };
}

export function interpretChrony(out: string, code: number | null): Omit<SyncProbe, 'tool'> {
  if (code !== 0) return { error: out.split('\n')[0] || `exit ${code}` };
  const leap = /^Leap status\s*:\s*(.*)$/m.exec(out)?.[1]?.trim();
  const ref = /^Reference ID\s*:\s*(.*)$/m.exec(out)?.[1]?.trim();
  const offset = /^System time\s*:\s*(.*)$/m.exec(out)?.[1]?.trim();
  return {
    synchronized: leap !== undefined && leap !== 'Not synchronised',
    detail: [ref && `reference ${ref}`, offset && `offset ${offset}`, leap && `leap ${leap}`]
      .filter(Boolean)
      .join('; '),
  };
}

export function interpretNtpq(out: string, code: number | null): Omit<SyncProbe, 'tool'> {
  if (code !== 0) return { error: out.split('\n')[0] || `exit ${code}` };
  const peer = out.split('\n').find((l) => l.startsWith('*'));
  return {
    synchronized: peer !== undefined,
    detail: peer
      ? `system peer ${peer.slice(1).trim().split(/\s+/)[0]}`
      : 'no system peer selected',
  };
}

export const timeSection: SystemSection = {
  id: 'time',
  title: 'Time zone and clock sync',
  timeoutMs: 20_000,
  async collect(ctx) {
    const now = new Date();
    const offsetMin = -now.getTimezoneOffset();
    const sign = offsetMin >= 0 ? '+' : '-';
    const abs = Math.abs(offsetMin);
    const localtime = await readLinkSafe('/etc/localtime');
    const probes = (
      await Promise.all([
        probe(
          ctx,
          'timedatectl',
          ['timedatectl', 'show', '-p', 'NTPSynchronized', '-p', 'NTP', '-p', 'Timezone'],
          (out, code) => {
            if (code !== 0) return { error: out.split('\n')[0] || `exit ${code}` };
            const synced = /^NTPSynchronized=(\w+)/m.exec(out)?.[1];
            return { synchronized: synced === 'yes', detail: out.replace(/\n/g, '; ') };
          },
        ),
        probe(ctx, 'chronyc', ['chronyc', '-n', 'tracking'], interpretChrony),
        probe(ctx, 'ntpq', ['ntpq', '-pn'], interpretNtpq),
        probe(ctx, 'ntpstat', ['ntpstat'], (out, code) =>
          code === 0 || code === 1
            ? { synchronized: code === 0, detail: out.split('\n')[0] }
            : { error: out.split('\n')[0] || `exit ${code}` },
        ),
      ])
    ).filter((p): p is SyncProbe => p !== undefined);
    const answered = probes.filter((p) => p.synchronized !== undefined);
    let synchronized: boolean | 'unknown' = 'unknown';
    if (answered.length) synchronized = answered.some((p) => p.synchronized);
    if (synchronized === 'unknown') {
      const tried = probes.map((p) => `${p.tool}: ${p.error ?? 'no answer'}`);
      const absent = TOOLS.filter((t) => !probes.some((p) => p.tool === t));
      if (absent.length) tried.push(`not installed: ${absent.join(', ')}`);
      ctx.note(`clock sync unknown (${tried.join('; ')})`);
    }
    return {
      nowUtc: now.toISOString(),
      nowLocal: now.toString(),
      utcOffset: `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      tzEnv: ctx.env.TZ,
      etcTimezone: (await readSmall('/etc/timezone', 256))?.trim(),
      etcLocaltime: localtime,
      clockSync: { synchronized, probes },
    };
  },
};
