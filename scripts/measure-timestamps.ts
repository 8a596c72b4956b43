// Measures the timestamp parser against real logs nobody on this project wrote (loghub samples):
// per file, the detected format, the share of lines recognised, and whether each recognised value
// equals what GNU `date` makes of the same text (an independent parser). Times without a zone are
// read in --zone (default Europe/Berlin, so that DST and offsets are exercised).
//
//   npx tsx scripts/measure-timestamps.ts [DIR] [--zone ZONE]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { detectFormat, HEAD_CHARS } from '../core/common/time/detect.js';
import { ZoneClock } from '../core/common/time/zone.js';

const args = process.argv.slice(2);
const zoneArg = args.indexOf('--zone');
const zone = zoneArg >= 0 ? args[zoneArg + 1]! : 'Europe/Berlin';
const dir =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--zone') ??
  '/work/shared/fixtures/loghub';

/** The timestamp text of a line, rewritten into something GNU date reads, per format. */
function forGnuDate(format: string, line: string, year: number): string | undefined {
  let m: RegExpExecArray | null;
  switch (format) {
    case 'iso':
    case 'prefixed-iso': {
      const s = format === 'prefixed-iso' ? line.slice(line.indexOf(' ') + 1) : line;
      m = /^\[?(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:[.,](\d+))?(Z|[+-]\d\d:?\d\d)?/.exec(s);
      return m ? `${m[1]} ${m[2]}${m[3] ? `.${m[3]}` : ''}${m[4] ? ` ${m[4]}` : ''}` : undefined;
    }
    case 'syslog':
      m = /^([A-Z][a-z]{2}) +(\d+) (\d\d:\d\d:\d\d)/.exec(line);
      return m ? `${m[1]} ${m[2]} ${year} ${m[3]}` : undefined;
    case 'ctime':
      m = /^\[?([A-Z][a-z]{2} [A-Z][a-z]{2} +\d+ \d\d:\d\d:\d\d) (\d{4})\]?/.exec(line);
      return m ? `${m[1]} ${m[2]}` : undefined;
    case 'yy-mm-dd':
      m = /^(\d\d)\/(\d\d)\/(\d\d) (\d\d:\d\d:\d\d)/.exec(line);
      return m ? `20${m[1]}-${m[2]}-${m[3]} ${m[4]}` : undefined;
    case 'yymmdd':
      m = /^(\d\d)(\d\d)(\d\d) (\d\d)(\d\d)(\d\d)/.exec(line);
      return m ? `20${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : undefined;
    default:
      return undefined;
  }
}

const rows: string[][] = [
  ['file', 'format', 'lines', 'recognised', 'share', 'checked', 'equal', 'wrong'],
];
let totalLines = 0;
let totalRecognised = 0;
let totalWrong = 0;
for (const name of readdirSync(dir)
  .filter((n) => n.endsWith('.log'))
  .sort()) {
  const file = path.join(dir, name);
  const lines = readFileSync(file, 'latin1')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const ctx = { zone: new ZoneClock(zone), referenceMs: statSync(file).mtimeMs };
  // As the collector does: a sample of the first and last lines decides the format.
  const det = detectFormat([...lines.slice(0, 300), ...lines.slice(-300)], ctx);
  const parsed = lines.map((l) => det?.format.parse(l.slice(0, HEAD_CHARS), ctx));
  const recognised = parsed.filter((t) => t !== undefined).length;
  const checks: Array<{ text: string; t: number }> = [];
  lines.forEach((l, i) => {
    const t = parsed[i];
    if (t === undefined || !det) return;
    const year = new Date(ctx.zone.toWall(t)).getUTCFullYear();
    const text = forGnuDate(det.format.id, l, year);
    if (text) checks.push({ text, t });
  });
  const out = checks.length
    ? execFileSync('date', ['-f', '-', '+%s%3N'], {
        input: checks.map((c) => c.text).join('\n') + '\n',
        env: { ...process.env, TZ: zone, LC_ALL: 'C' },
      })
        .toString()
        .trim()
        .split('\n')
    : [];
  const wrong = checks.filter((c, i) => Number(out[i]) !== c.t);
  for (const w of wrong.slice(0, 3))
    console.error(
      `${name}: "${w.text}" -> ${new Date(w.t).toISOString()}, date says ${out[checks.indexOf(w)]}`,
    );
  totalLines += lines.length;
  totalRecognised += recognised;
  totalWrong += wrong.length;
  rows.push([
    name,
    det?.format.id ?? '(none)',
    String(lines.length),
    String(recognised),
    `${((100 * recognised) / lines.length).toFixed(1)}%`,
    String(checks.length),
    String(checks.length - wrong.length),
    String(wrong.length),
  ]);
}
rows.push([
  'total',
  '',
  String(totalLines),
  String(totalRecognised),
  `${((100 * totalRecognised) / totalLines).toFixed(1)}%`,
  '',
  '',
  String(totalWrong),
]);
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
console.log(`zone for times without one: ${zone}`);
for (const r of rows) console.log(r.map((v, c) => v.padEnd(widths[c]!)).join('  '));
