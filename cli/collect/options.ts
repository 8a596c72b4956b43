// Options shared by `collect` and `plan`.
import type { Command } from 'commander';

export interface WindowOpts {
  profile?: string[];
  since?: string;
  until?: string;
  json?: boolean;
}

const repeat = (v: string, prev: string[] = []) => [...prev, v];

export function windowOptions(cmd: Command): Command {
  return cmd
    .option(
      '--profile <name|file>',
      'shipped profile name or profile file; repeat for more (default: settings collect.profiles, else linux-host)',
      repeat,
    )
    .option('--since <time>', 'window start for logs: 24h, 7d or 2026-11-27T08:00 (default 72h)')
    .option(
      '--until <time>',
      'window end for logs (default: now); a line is kept when since <= t < until',
    )
    .option('--json', 'print one JSON object');
}
