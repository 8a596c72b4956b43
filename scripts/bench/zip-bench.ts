// The bundle writer alone against `zip -r -6` and `tar | pigz -6 -p 2` on the bench's generated
// tree (wall, CPU, peak RSS, output size): what compression on both cores gives before collection
// and redaction are added. `npm run bench` measures the whole `casepack collect`.
//
//   npx tsx scripts/bench/zip-bench.ts [--size 1G] [--runs 3] [--json FILE]
import { readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseSize } from '../../core/common/units.js';
import { generateTree } from './generate.js';
import { measure, median, type RunSpec } from './measure.js';
import { referenceSubjects } from './subjects.js';
import { compiled, compileScripts } from './zip-compiled.js';

const args = process.argv.slice(2);
const flag = (n: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
const size = flag('--size') ?? '1G';
const runs = Math.max(1, Number(flag('--runs') ?? 3));
const work = path.join(os.tmpdir(), 'casepack-bench');
await mkdir(work, { recursive: true });
const bytes = parseSize(size);
if (!bytes) throw new Error(`--size: not a size: ${size}`);
const tree = (await generateTree(work, bytes, 20261127)).dir;
await compileScripts();
const scratch = await mkdtemp(path.join(os.tmpdir(), 'casepack-zip-bench-'));

const subjects: Array<{
  name: string;
  spec: (out: string) => RunSpec;
  size: (out: string) => number;
}> = [
  ...referenceSubjects(tree)
    .filter((s) => s.name !== 'tar czf')
    .map((s) => ({
      name: s.name,
      spec: (o: string) => s.spec(o),
      size: (o: string) => s.outputBytes(o),
    })),
  {
    name: 'casepack bundle writer',
    spec: (o) => ({ argv: [process.execPath, compiled('zip-tree.ts'), tree, o] }),
    size: (o) => statSync(path.join(o, readdirSync(o)[0]!)).size,
  },
];

const rows = [];
try {
  for (const s of subjects) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const out = path.join(scratch, 'out');
      await rm(out, { recursive: true, force: true });
      await mkdir(out);
      const m = await measure(s.spec(out), scratch);
      if (m.exitCode !== 0) throw new Error(`${s.name} failed: ${m.stderr}`);
      samples.push({ ...m, output_bytes: s.size(out) });
    }
    rows.push({
      command: s.name,
      wall_s: median(samples.map((x) => x.wall_s)),
      cpu_s: median(samples.map((x) => x.cpu_s)),
      max_rss_mb: median(samples.map((x) => x.max_rss_mb)),
      output_bytes: median(samples.map((x) => x.output_bytes)),
    });
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
const zip = rows.find((r) => r.command === 'zip -r -6') ?? rows[0]!;
const table = rows.map((r) => ({
  ...r,
  wall_ratio_to_zip: Number((r.wall_s / zip.wall_s).toFixed(2)),
  size_ratio_to_zip: Number((r.output_bytes / zip.output_bytes).toFixed(3)),
}));
process.stdout.write(
  `tree ${tree} (${size}), median of ${runs}, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
);
process.stdout.write(
  `${'command'.padEnd(24)} ${'wall s'.padStart(7)} ${'cpu s'.padStart(7)} ${'RSS MB'.padStart(7)} ${'output MB'.padStart(10)} ${'wall/zip'.padStart(8)} ${'size/zip'.padStart(8)}\n`,
);
for (const r of table)
  process.stdout.write(
    `${r.command.padEnd(24)} ${r.wall_s.toFixed(2).padStart(7)} ${r.cpu_s.toFixed(2).padStart(7)} ${r.max_rss_mb.toFixed(0).padStart(7)} ${(r.output_bytes / 1048576).toFixed(1).padStart(10)} ${r.wall_ratio_to_zip.toFixed(2).padStart(8)} ${r.size_ratio_to_zip.toFixed(3).padStart(8)}\n`,
  );
const json = flag('--json');
if (json)
  await writeFile(
    json,
    JSON.stringify({ size, runs, tree, loadavg: os.loadavg(), rows: table }, null, 2),
  );
