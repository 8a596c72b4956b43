// Peak RSS of the bundle writer for one entry of 128 MiB and of 1 GiB (generated on the fly): the
// two figures should be about the same (memory does not grow with the entry's size).
//
//   npx tsx scripts/bench/zip-memory.ts [--sizes 128M,1G]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseSize } from '../../core/common/units.js';
import { measure } from './measure.js';
import { compiled, compileScripts } from './zip-compiled.js';

const arg = process.argv.indexOf('--sizes');
const sizes = (arg > 0 ? process.argv[arg + 1]! : '128M,1G').split(',');
await compileScripts();
const dir = await mkdtemp(path.join(os.tmpdir(), 'casepack-zip-memory-'));
try {
  for (const s of sizes) {
    const bytes = parseSize(s);
    if (!bytes) throw new Error(`not a size: ${s}`);
    const m = await measure(
      { argv: [process.execPath, compiled('zip-entry.ts'), dir, String(bytes)] },
      dir,
    );
    if (m.exitCode !== 0) throw new Error(m.stderr);
    const r = JSON.parse(m.stdout) as { zipBytes: number };
    process.stdout.write(
      `entry ${s.padStart(5)}: peak RSS ${m.max_rss_mb.toFixed(0).padStart(4)} MB, wall ${m.wall_s} s, cpu ${m.cpu_s.toFixed(1)} s, zip ${(r.zipBytes / 1048576).toFixed(1)} MiB\n`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
