// Writes a tree of real-looking logs for the engine's benchmarks: N files of SIZE each, log4j lines
// (a stack trace every 20th entry) spread evenly over the last DAYS days, mtime = last entry.
//
//   npx tsx scripts/bench/log-tree.ts DIR [--files 16] [--size 128MiB] [--days 10]
import { mkdirSync, openSync, utimesSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { parseSize } from '../../core/common/units.js';

const args = process.argv.slice(2);
const opt = (k: string, d: string) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1]! : d;
};
const dir = args[0];
if (!dir || dir.startsWith('--'))
  throw new Error('usage: log-tree.ts DIR [--files N] [--size SIZE] [--days D]');
const files = Number(opt('--files', '16'));
const size = parseSize(opt('--size', '128MiB'))!;
const days = Number(opt('--days', '10'));
mkdirSync(dir, { recursive: true });
const end = Date.now();
const start = end - days * 86_400_000;
const trace =
  'java.lang.IllegalStateException: boom\n\tat com.example.Service.handle(Service.java:42)\n\tat com.example.Worker.run(Worker.java:7)\n';
/** Entry i at time t: one line, and a stack trace every 20th entry. */
const entryText = (i: number, t: number, f: number) => {
  const iso = new Date(t).toISOString();
  const line = `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)} INFO  [pool-${i % 8}] request ${i} handled in ${i % 97} ms by node-${f}\n`;
  return i % 20 === 0 ? line + trace : line;
};
for (let f = 0; f < files; f++) {
  const file = path.join(dir, `app-${String(f).padStart(2, '0')}.log`);
  const fd = openSync(file, 'w');
  // How many entries make `size` (the length does not depend on the time), so that they spread
  // evenly over the days and the last one is at `end`.
  let count = 0;
  for (let n = 0; n < size; count++) n += entryText(count, start, f).length;
  const step = (end - start) / Math.max(count - 1, 1);
  let buf = '';
  let written = 0;
  for (let i = 0; i < count; i++) {
    buf += entryText(i, start + i * step, f);
    if (buf.length >= 4 << 20) {
      written += writeSync(fd, buf);
      buf = '';
    }
  }
  if (buf) written += writeSync(fd, buf);
  closeSync(fd);
  utimesSync(file, end / 1000, end / 1000);
  process.stderr.write(`${file}: ${written} bytes\n`);
}
