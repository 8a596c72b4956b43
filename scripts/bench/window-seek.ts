// How many reads finding the last hour of a large log costs (binary search on byte offsets), and
// how long, compared with reading the whole file.
//   npx tsx scripts/bench/window-seek.ts FILE   (e.g. a 2 GiB file from log-tree.ts --files 1 --size 2GiB)
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ZoneClock } from '../../core/common/time/zone.js';
import { collectFile } from '../../core/node/collect/file-collector.js';
import type { ReadStats } from '../../core/node/collect/file-reader.js';
import { identitySession } from '../../core/node/redact/identity.js';
import { MemorySink } from '../../test/support/memory-sink.js';

const file = process.argv[2];
if (!file) throw new Error('usage: window-seek.ts FILE');
const st = await stat(file);
const until = st.mtimeMs + 1;
const stats: ReadStats = { reads: 0, bytesRead: 0 };
const t0 = performance.now();
const item = await collectFile(
  {
    type: 'file',
    action: 'collect',
    id: file,
    spec: 'bench',
    profile: 'bench',
    kind: 'log',
    source: file,
    path: 'logs/bench.log',
    size: st.size,
    mtime: st.mtime.toISOString(),
    estimatedBytes: st.size,
    maxBytes: 1 << 30,
    overLimit: 'tail',
    window: true,
    timezone: 'UTC',
  },
  {
    sink: new MemorySink(0),
    session: identitySession(),
    signal: new AbortController().signal,
    onBytes: () => undefined,
  },
  { since: until - 3_600_000, until, zone: new ZoneClock('UTC'), stats },
);
const ms = performance.now() - t0;
const streamReads = Math.ceil((item.size ?? 0) / (256 * 1024));
console.log(
  `file ${(st.size / 2 ** 30).toFixed(2)} GiB; last hour = ${item.size} bytes (${item.status})`,
);
console.log(
  `reads: ${stats.reads} in all, ${stats.reads - streamReads} to find the window; bytes read ${stats.bytesRead}; ${ms.toFixed(0)} ms`,
);
const t1 = performance.now();
let n = 0;
for await (const c of createReadStream(file, { highWaterMark: 1 << 20 })) n += (c as Buffer).length;
console.log(
  `reading the whole file once for comparison: ${n} bytes in ${(performance.now() - t1).toFixed(0)} ms`,
);
