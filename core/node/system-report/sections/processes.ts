// Top processes by CPU and by memory. CPU is measured over a short sample of /proc/PID/stat, like
// `top`, not the lifetime average `ps` shows: a JVM that has spun for the last minute must be at
// the top even if it idled for a week before. (systeminformation's processes() reports the share
// since boot on its first call, which is what a one-shot report always is.)
import os from 'node:os';
import { maskArgv } from '../../../common/system-report/secret-names.js';
import { mapLimit, PROC_READS } from '../map-limit.js';
import { listPids, readCmdline, readSmall, userNames } from '../proc.js';
import type { SystemSection } from '../types.js';

/** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux architecture. */
const CLOCK_TICKS = 100;
const SAMPLE_MS = 300;
export const TOP_N = 15;

interface Stat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  ticks: number;
  threads: number;
  startTicks: number;
}

export function parseStat(pid: number, text: string): Stat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const f = text.slice(close + 2).split(' ');
  // f[0] is field 3 (state) of proc(5).
  return {
    pid,
    comm: text.slice(open + 1, close),
    state: f[0] ?? '?',
    ppid: Number(f[1]),
    ticks: Number(f[11]) + Number(f[12]),
    threads: Number(f[17]),
    startTicks: Number(f[19]),
  };
}

async function snapshot(pids: number[]): Promise<Map<number, Stat>> {
  const out = new Map<number, Stat>();
  await mapLimit(pids, PROC_READS, async (pid) => {
    const text = await readSmall(`/proc/${pid}/stat`, 4096);
    const s = text ? parseStat(pid, text) : undefined;
    if (s) out.set(pid, s);
  });
  return out;
}

async function statusOf(pid: number): Promise<{ rssBytes: number; uid?: number }> {
  const text = (await readSmall(`/proc/${pid}/status`, 16 * 1024)) ?? '';
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  const uid = /^Uid:\s+(\d+)/m.exec(text);
  return { rssBytes: rss ? Number(rss[1]) * 1024 : 0, uid: uid ? Number(uid[1]) : undefined };
}

const STATES: Record<string, string> = {
  R: 'running',
  S: 'sleeping',
  D: 'uninterruptible',
  Z: 'zombie',
  T: 'stopped',
  t: 'traced',
  I: 'idle',
  X: 'dead',
};

export const processesSection: SystemSection = {
  id: 'processes',
  title: 'Top processes by CPU and memory',
  timeoutMs: 30_000,
  quiet: true,
  async collect(ctx) {
    if (os.platform() !== 'linux') {
      ctx.note('top processes are read from /proc, which this platform does not have');
      return {};
    }
    const before = await snapshot(await listPids());
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
    const after = await snapshot(await listPids());
    const seconds = (performance.now() - t0) / 1000;
    const btime = Number(
      /^btime (\d+)/m.exec((await readSmall('/proc/stat', 64 * 1024)) ?? '')?.[1] ?? 0,
    );
    const memTotal = os.totalmem();
    const rows = await mapLimit([...after.values()], PROC_READS, async (s) => {
      const prev = before.get(s.pid);
      // A process new since the first read: its whole life fits in the sample.
      const delta = prev && prev.startTicks === s.startTicks ? s.ticks - prev.ticks : s.ticks;
      return {
        ...s,
        ...(await statusOf(s.pid)),
        cpuPercent: Math.round((delta / CLOCK_TICKS / seconds) * 1000) / 10,
      };
    });
    const users = await userNames();
    const describe = async (r: (typeof rows)[number]): Promise<Record<string, unknown>> => {
      const argv = await readCmdline(r.pid);
      const command = argv.length ? maskArgv(argv).join(' ') : `[${r.comm}]`;
      return {
        pid: r.pid,
        ...(r.pid === process.pid ? { casepack: true } : {}),
        ppid: r.ppid,
        user: r.uid === undefined ? undefined : (users.get(r.uid) ?? String(r.uid)),
        name: r.comm,
        state: STATES[r.state] ?? r.state,
        cpuPercent: r.cpuPercent,
        rssBytes: r.rssBytes,
        memPercent: memTotal ? Math.round((r.rssBytes / memTotal) * 1000) / 10 : undefined,
        threads: r.threads,
        started: btime
          ? new Date((btime + r.startTicks / CLOCK_TICKS) * 1000).toISOString()
          : undefined,
        command: command.length > 2000 ? `${command.slice(0, 2000)}...` : command,
      };
    };
    const byCpu = [...rows].sort((a, b) => b.cpuPercent - a.cpuPercent).slice(0, TOP_N);
    const byMem = [...rows].sort((a, b) => b.rssBytes - a.rssBytes).slice(0, TOP_N);
    const states: Record<string, number> = {};
    for (const r of rows)
      states[STATES[r.state] ?? r.state] = (states[STATES[r.state] ?? r.state] ?? 0) + 1;
    return {
      sampleMs: Math.round(seconds * 1000),
      cpuPercentNote: '100 = one CPU fully busy during the sample',
      processCount: rows.length,
      threadCount: rows.reduce((n, r) => n + (r.threads || 0), 0),
      states,
      topByCpu: await Promise.all(byCpu.map(describe)),
      topByMemory: await Promise.all(byMem.map(describe)),
    };
  },
};
