// The redactor's speed per core on the tree's own text: configs first, then logs, up to a sample
// size, held in memory and fed in 256 KiB chunks as the file collector reads them. CPU time, not
// wall time, so that other users of the machine do not count against it. The module is the
// compiled one casepack runs (dist/), loaded only if the redactor has landed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { REPO } from './casepack-subject.js';
import { median } from './measure.js';
import type { BenchContext } from './sections.js';

const CHUNK = 256 * 1024;
const SESSION_MODULE = path.join(REPO, 'dist', 'core', 'node', 'redact', 'session.js');

interface Session {
  stream(item: { id: string; source: string; kind?: string }): Transform;
  totals(): Record<string, number>;
}
type CreateSession = (opts?: Record<string, unknown>) => Session;

interface Sample {
  source: string;
  data: Buffer;
}

function textSample(ctx: BenchContext, limit: number): Sample[] {
  // Sorted, so configs (product/conf) come before logs (product/logs); already-compressed files left out.
  const text = readdirSync(ctx.tree.dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !/\.(gz|jar)$/.test(e.name))
    .map((e) => path.relative(ctx.tree.dir, path.join(e.parentPath, e.name)))
    .sort();
  const out: Sample[] = [];
  let n = 0;
  for (const rel of text) {
    if (n >= limit) break;
    const data = readFileSync(path.join(ctx.tree.dir, rel));
    out.push({ source: path.join(ctx.tree.dir, rel), data });
    n += data.length;
  }
  return out;
}

async function pass(create: CreateSession, opts: Record<string, unknown>, sample: Sample[]) {
  const session = create(opts);
  const c0 = process.cpuUsage();
  let outBytes = 0;
  for (const [i, s] of sample.entries()) {
    const chunks: Buffer[] = [];
    for (let o = 0; o < s.data.length; o += CHUNK) chunks.push(s.data.subarray(o, o + CHUNK));
    await pipeline(
      Readable.from(chunks),
      session.stream({ id: `bench-${i}`, source: s.source, kind: 'log' }),
      new Writable({
        write(c: Buffer, _e, cb) {
          outBytes += c.length;
          cb();
        },
      }),
    );
  }
  const c = process.cpuUsage(c0);
  return { cpu_s: (c.user + c.system) / 1e6, outBytes, totals: session.totals() };
}

export async function redactorSection(ctx: BenchContext, sampleBytes = 256 * 1024 * 1024) {
  const target = { name: 'redactor', target: '>= 200 MB/s per core' };
  if (!existsSync(SESSION_MODULE)) {
    ctx.targets.push({ ...target, value: '-', note: 'the redactor has not landed' });
    return undefined;
  }
  const mod = (await import(pathToFileURL(SESSION_MODULE).href)) as {
    createRedactionSession: CreateSession;
  };
  const sample = textSample(ctx, sampleBytes);
  const bytes = sample.reduce((a, s) => a + s.data.length, 0);
  const configs: Array<[string, Record<string, unknown>]> = [
    ['redactor (default rules)', {}],
    // every category with a throw-away key: the tree's access logs hold many distinct addresses
    ['redactor (--pseudonymize all)', { pseudonymize: 'all' }],
  ];
  const results: Record<string, unknown> = {};
  for (const [name, opts] of configs) {
    await pass(mod.createRedactionSession, opts, sample.slice(0, 50)); // warm-up (JIT)
    const runs = [];
    for (let i = 0; i < ctx.repeat; i++)
      runs.push(await pass(mod.createRedactionSession, opts, sample));
    const cpu = median(runs.map((r) => r.cpu_s));
    const rate = bytes / 1e6 / cpu;
    ctx.log(
      `  ${name}: ${rate.toFixed(0)} MB/s per core (${(bytes / 1e6).toFixed(0)} MB, ${cpu.toFixed(2)} s CPU)`,
    );
    ctx.rows.push({
      name,
      value: `${rate.toFixed(0)} MB/s`,
      note: `per core (CPU time), ${(bytes / 1e6).toFixed(0)} MB of the tree's text`,
    });
    ctx.targets.push({
      name,
      target: target.target,
      value: `${rate.toFixed(0)} MB/s`,
      met: rate >= 200,
    });
    results[name] = { mb_per_s_per_core: rate, cpu_s: cpu, bytes, counts: runs[0]!.totals };
  }
  return results;
}
