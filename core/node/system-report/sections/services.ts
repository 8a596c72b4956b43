// Services, whatever manages them: systemd (only when it is PID 1: /run/systemd/system exists),
// SysV init scripts (`service --status-all`), OpenRC, or none (containers). An init script whose
// `status` hangs must not cost the section: the command gets most of the section's time, and when
// it runs out the scripts are still listed, with their state unknown.
import { readdir } from 'node:fs/promises';
import { formatTimeout } from '../format.js';
import { readSmall } from '../proc.js';
import type { SectionContext, SystemSection } from '../types.js';

export interface ServiceRow {
  name: string;
  state: string;
  sub?: string;
  description?: string;
}

async function exists(dir: string): Promise<boolean> {
  try {
    await readdir(dir);
    return true;
  } catch {
    return false;
  }
}

/** `systemctl list-units --type=service --all --plain --no-legend --no-pager`. */
export function parseSystemctl(text: string): ServiceRow[] {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/^●\s*/, ''))
    .filter(Boolean)
    .map((l) => {
      const [unit = '', , active = '', sub = '', ...desc] = l.split(/\s+/);
      return {
        name: unit.replace(/\.service$/, ''),
        state: active,
        sub,
        description: desc.join(' '),
      };
    });
}

/** `service --status-all`: ` [ + ]  name`. */
export function parseStatusAll(text: string): ServiceRow[] {
  const states: Record<string, string> = { '+': 'running', '-': 'stopped', '?': 'unknown' };
  return [...text.matchAll(/^\s*\[\s*([+?-])\s*\]\s+(\S+)/gm)].map((m) => ({
    name: m[2] ?? '',
    state: states[m[1] ?? '?'] ?? 'unknown',
  }));
}

async function systemd(ctx: SectionContext, timeoutMs: number): Promise<Record<string, unknown>> {
  const argv = [
    'systemctl',
    'list-units',
    '--type=service',
    '--all',
    '--plain',
    '--no-legend',
    '--no-pager',
  ];
  const r = await ctx.run(argv, timeoutMs);
  if (r.exitCode !== 0) {
    ctx.note(
      `systemctl failed: ${r.timedOut ? 'timed out' : (r.stderr.trim().split('\n')[0] ?? r.error)}`,
    );
    return { manager: 'systemd', services: [] };
  }
  const services = parseSystemctl(r.stdout);
  return {
    manager: 'systemd',
    failed: services.filter((s) => s.state === 'failed').map((s) => s.name),
    services,
  };
}

async function sysv(ctx: SectionContext, timeoutMs: number): Promise<Record<string, unknown>> {
  const r = await ctx.run(['service', '--status-all'], timeoutMs);
  // service prints some states on stderr.
  const services = parseStatusAll(`${r.stdout}\n${r.stderr}`);
  if (r.exitCode === null || services.length === 0) {
    ctx.note(
      r.timedOut
        ? `service --status-all timed out after ${formatTimeout(timeoutMs)} (an init script's "status" hangs?): states unknown`
        : `service --status-all ${r.started ? 'gave no states' : 'is not available'}: init scripts listed with unknown state`,
    );
    const names = await readdir('/etc/init.d').catch(() => [] as string[]);
    const known = new Set(services.map((s) => s.name));
    for (const n of names.filter(
      (x) => !x.startsWith('.') && !['README', 'skeleton', 'rc', 'rcS'].includes(x),
    ))
      if (!known.has(n)) services.push({ name: n, state: 'unknown' });
  }
  return { manager: 'sysv', services: services.sort((a, b) => a.name.localeCompare(b.name)) };
}

async function openrc(ctx: SectionContext, timeoutMs: number): Promise<Record<string, unknown>> {
  const r = await ctx.run(['rc-status', '--all', '--nocolor'], timeoutMs);
  const services = [...r.stdout.matchAll(/^\s*(\S+)\s+\[\s*(\w+)\s*\]/gm)].map((m) => ({
    name: m[1] ?? '',
    state: m[2] ?? '',
  }));
  if (r.exitCode !== 0)
    ctx.note(`rc-status failed: ${r.timedOut ? 'timed out' : (r.error ?? `exit ${r.exitCode}`)}`);
  return { manager: 'openrc', services };
}

export const servicesSection: SystemSection = {
  id: 'services',
  title: 'Services',
  timeoutMs: 30_000,
  async collect(ctx) {
    const init = (await readSmall('/proc/1/comm', 256))?.trim();
    // Leave a second of the section's time to list init scripts if the status command hangs.
    const cmdTimeout = Math.round(Math.max(200, ctx.remainingMs() - 1_000));
    let out: Record<string, unknown>;
    if (await exists('/run/systemd/system')) out = await systemd(ctx, cmdTimeout);
    else if (await exists('/run/openrc')) out = await openrc(ctx, cmdTimeout);
    else if (await exists('/etc/init.d')) out = await sysv(ctx, cmdTimeout);
    else {
      ctx.note(
        'no service manager found (no systemd, OpenRC or /etc/init.d): typical for a container',
      );
      out = { manager: 'none', services: [] };
    }
    return { init, ...out };
  },
};
