// The printed table and the JSON file. One object per measured command (wall_s, cpu_s, max_rss_mb,
// output_bytes and the ratios to zip), then the other figures and each target, met or not.
import type { CommandResult } from './compare.js';

export interface Target {
  name: string;
  target: string;
  value: string;
  /** undefined: not measured in this run (see note). */
  met?: boolean;
  note?: string;
}

export interface Row {
  name: string;
  value: string;
  note?: string;
}

const f = (x: number | undefined, d = 2) =>
  x === undefined || Number.isNaN(x) ? '-' : x.toFixed(d);
const mb = (b: number) => (Number.isNaN(b) ? '-' : (b / 1e6).toFixed(1));

function table(head: string[], rows: string[][], right: boolean[]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((c, i) => (right[i] ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

export function commandTable(results: CommandResult[]): string {
  return table(
    [
      'command',
      'wall s',
      'CPU s',
      'main thr. s',
      'peak RSS MB',
      'output MB',
      'MB/s',
      'wall/zip',
      'CPU/zip',
      'size/zip',
      'idle est./zip',
    ],
    results.map((r) => [
      r.name + (r.error ? ' (FAILED)' : ''),
      f(r.wall_s),
      f(r.cpu_s),
      f(r.main_thread_cpu_s),
      f(r.max_rss_mb, 0),
      mb(r.output_bytes),
      f(r.mb_per_s, 0),
      f(r.wall_ratio_to_zip),
      f(r.cpu_ratio_to_zip),
      f(r.size_ratio_to_zip, 3),
      f(r.idle_ratio_to_zip),
    ]),
    [false, true, true, true, true, true, true, true, true, true, true],
  );
}

export function rowsTable(rows: Row[]): string {
  return table(
    ['measure', 'value', 'note'],
    rows.map((r) => [r.name, r.value, r.note ?? '']),
    [false, true, false],
  );
}

export function targetsTable(targets: Target[]): string {
  return table(
    ['target', 'goal', 'measured', 'met'],
    targets.map((t) => [
      t.name,
      t.target,
      t.value,
      t.met === undefined ? `not measured${t.note ? ': ' + t.note : ''}` : t.met ? 'yes' : 'NO',
    ]),
    [false, false, true, false],
  );
}
