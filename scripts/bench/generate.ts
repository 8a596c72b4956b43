// The seeded synthetic tree the bench measures: about 2,000 files, ~93% large timestamped Java and
// access logs with stack traces, ~1,900 small configs with a sprinkling of secrets, and ~5% already
// compressed content (rotated .gz logs, .jar files). Same seed and size, same bytes. A finished tree
// carries a marker file and is reused by the next run (generation takes a while).
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import JSZip from 'jszip';
import { CONFIG_EXTS, configText } from './gen-config.js';
import { AVG_ENTRY, accessLog, javaLog, type LogWriter } from './gen-log.js';
import { Rng } from './prng.js';

/** Bump when the generator's output changes, so cached trees are rebuilt. */
const GENERATOR_VERSION = 2;
const MARKER = '.bench-tree.json';
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
/** Entries end shortly after this fixed instant, so the bytes never depend on the clock. */
export const LOG_END_MS = Date.UTC(2026, 9, 1, 0, 0, 0);
const SPAN_MS = 3 * 24 * 3600 * 1000;

export interface TreeInfo {
  version: number;
  seed: number;
  size: number;
  dir: string;
  files: number;
  bytes: number;
  /** Bytes of .log/.conf/... text (what the redactor reads), and of already-compressed files. */
  textBytes: number;
  compressedBytes: number;
}

function writeLog(file: string, w: LogWriter, bytes: number): number {
  const fd = openSync(file, 'w');
  let n = 0;
  try {
    while (n < bytes) {
      const s = w.chunk(Math.min(MIB, bytes - n));
      writeSync(fd, s);
      n += s.length;
    }
  } finally {
    closeSync(fd);
  }
  return n;
}

/** Weights in [0.3, 1.7], scaled to sum to `total`. */
function split(r: Rng, count: number, total: number): number[] {
  const w = Array.from({ length: count }, () => 0.3 + 1.4 * r.next());
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => Math.max(1, Math.round((x / sum) * total)));
}

async function jar(r: Rng, bytes: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\nCreated-By: casepack bench\n');
  let n = 0;
  for (let i = 0; n < bytes * 2; i++) {
    // Class-file-like bytes: half noise, half repeated names, so deflate gets about 2:1 as in real jars.
    const len = r.int(2_000, 30_000);
    const b = Buffer.allocUnsafe(len);
    for (let j = 0; j < len; j++) b[j] = j % 64 < 32 ? (r.next() * 256) | 0 : 97 + (j % 26);
    zip.file(`com/vendor/igl/m${i % 9}/C${i}.class`, b);
    n += len;
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function generateTree(root: string, size: number, seed: number): Promise<TreeInfo> {
  const dir = path.join(root, `tree-${seed}-${size}`);
  const marker = path.join(dir, MARKER);
  if (existsSync(marker)) {
    const info = JSON.parse(readFileSync(marker, 'utf8')) as TreeInfo;
    if (info.version === GENERATOR_VERSION) return info;
  }
  rmSync(dir, { recursive: true, force: true });
  const r = new Rng(seed);
  const scale = size / GIB;
  let files = 0;
  let textBytes = 0;
  let compressedBytes = 0;
  const mk = (d: string) => (mkdirSync(path.join(dir, d), { recursive: true }), path.join(dir, d));

  // ~1,900 configs, ~20 MiB per GiB.
  const configDir = mk('product/conf');
  const modules = Array.from({ length: 95 }, (_, i) => `module-${String(i).padStart(2, '0')}`);
  for (let i = 0; i < 1900; i++) {
    const fr = r.fork(1_000_000 + i);
    const ext = CONFIG_EXTS[i % CONFIG_EXTS.length]!;
    const d = path.join(configDir, modules[i % modules.length]!);
    mkdirSync(d, { recursive: true });
    const text = configText(fr, ext, Math.round(fr.int(2_000, 18_000) * scale));
    await writeFile(path.join(d, `settings-${i}.${ext}`), text);
    files++;
    textBytes += text.length;
  }

  // ~50 MiB per GiB already compressed: 40 rotated .gz logs and 20 jars.
  const archive = mk('product/logs/archive');
  for (const [i, b] of split(r, 40, 30 * MIB * scale).entries()) {
    const fr = r.fork(2_000_000 + i);
    // gzip -1 keeps the text about 5:1, as a rotated log's .gz is several times smaller than the log.
    const text = javaLog(fr, LOG_END_MS - SPAN_MS * 4, 2_000).chunk(b * 5);
    const gz = gzipSync(text, { level: 1 });
    await writeFile(path.join(archive, `server.log.${i + 2}.gz`), gz);
    files++;
    compressedBytes += gz.length;
  }
  const lib = mk('product/lib');
  for (const [i, b] of split(r, 20, 20 * MIB * scale).entries()) {
    const data = await jar(r.fork(3_000_000 + i), b);
    await writeFile(path.join(lib, `igl-part-${i}.jar`), data);
    files++;
    compressedBytes += data.length;
  }

  // The rest: 30 application logs and 10 access logs, 1-3 days each, ending at LOG_END_MS.
  const logs = mk('product/logs');
  const access = mk('product/logs/access');
  const rest = Math.max(0, size - textBytes - compressedBytes);
  for (const [i, b] of split(r, 40, rest).entries()) {
    const fr = r.fork(4_000_000 + i);
    const isAccess = i >= 30;
    const avg = isAccess ? AVG_ENTRY.access : AVG_ENTRY.java;
    const span = SPAN_MS * (0.3 + fr.next() * 0.7);
    const step = (span * avg) / b;
    const w = (isAccess ? accessLog : javaLog)(fr, LOG_END_MS - span, step);
    const file = isAccess
      ? path.join(access, `access-${i - 29}.log`)
      : path.join(logs, i === 0 ? 'server.log' : `server-${i}.log`);
    textBytes += writeLog(file, w, b);
    files++;
  }

  const info: TreeInfo = {
    version: GENERATOR_VERSION,
    seed,
    size,
    dir,
    files,
    bytes: textBytes + compressedBytes,
    textBytes,
    compressedBytes,
  };
  await writeFile(marker, JSON.stringify(info, null, 2));
  return info;
}

export interface SeekLogInfo {
  version: number;
  file: string;
  bytes: number;
  firstMs: number;
  lastMs: number;
}

/** One timestamped Java log of `size` bytes spanning 7 days (the time-window seek bench). */
export async function generateSeekLog(
  root: string,
  size: number,
  seed: number,
): Promise<SeekLogInfo> {
  const dir = path.join(root, `seek-${seed}-${size}`);
  const marker = path.join(dir, MARKER);
  if (existsSync(marker)) {
    const info = JSON.parse(readFileSync(marker, 'utf8')) as SeekLogInfo;
    if (info.version === GENERATOR_VERSION) return info;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const span = 7 * 24 * 3600 * 1000;
  const firstMs = LOG_END_MS - span;
  const w = javaLog(new Rng(seed ^ 0x5eed), firstMs, (span * AVG_ENTRY.java) / size);
  const file = path.join(dir, 'app.log');
  const bytes = writeLog(file, w, size);
  const info: SeekLogInfo = {
    version: GENERATOR_VERSION,
    file,
    bytes,
    firstMs,
    lastMs: w.lastMs(),
  };
  await writeFile(marker, JSON.stringify(info, null, 2));
  return info;
}
