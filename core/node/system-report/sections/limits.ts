// Resource limits: this process's limits (what a program started from this shell gets), the
// kernel-wide ceilings, and limits.conf. "Too many open files" is a classic Java server failure.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readSmall, readSysctl } from '../proc.js';
import type { SystemSection } from '../types.js';

/** /proc/PID/limits: `Max open files  1024  1048576  files`. */
export function parseProcLimits(
  text: string,
): Record<string, { soft: string; hard: string; units?: string }> {
  const out: Record<string, { soft: string; hard: string; units?: string }> = {};
  for (const line of text.split('\n').slice(1)) {
    const m = /^(.+?)\s{2,}(\S+)\s+(\S+)\s*(\S*)\s*$/.exec(line);
    if (!m?.[1]) continue;
    out[m[1].trim()] = { soft: m[2] ?? '', hard: m[3] ?? '', ...(m[4] ? { units: m[4] } : {}) };
  }
  return out;
}

/** Effective lines of limits.conf-style files (comments and blanks dropped). */
export function limitsLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

const SYSCTLS = [
  'fs.file-max',
  'fs.file-nr',
  'fs.nr_open',
  'fs.inotify.max_user_watches',
  'fs.inotify.max_user_instances',
  'kernel.pid_max',
  'kernel.threads-max',
  'vm.max_map_count',
  'net.core.somaxconn',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_max_syn_backlog',
];

export const limitsSection: SystemSection = {
  id: 'limits',
  title: 'Resource limits',
  timeoutMs: 20_000,
  async collect(ctx) {
    const self = await readSmall('/proc/self/limits');
    if (!self) ctx.note('/proc/self/limits not readable: process limits unknown');
    const kernel: Record<string, string | undefined> = {};
    await Promise.all(
      SYSCTLS.map(async (k) => {
        kernel[k] = await readSysctl(k);
      }),
    );
    const files: Record<string, string[]> = {};
    const main = await readSmall('/etc/security/limits.conf');
    if (main !== undefined) files['/etc/security/limits.conf'] = limitsLines(main);
    const dir = '/etc/security/limits.d';
    for (const name of (await readdir(dir).catch(() => [] as string[]))
      .filter((n) => n.endsWith('.conf'))
      .sort()) {
      const text = await readSmall(path.join(dir, name));
      if (text !== undefined) files[path.join(dir, name)] = limitsLines(text);
    }
    if (Object.keys(files).length === 0) ctx.note('no /etc/security/limits.conf or limits.d files');
    return {
      process: self ? parseProcLimits(self) : undefined,
      processNote:
        'limits of the casepack process, inherited from the shell or service that started it',
      kernel,
      limitsConf: files,
    };
  },
};
