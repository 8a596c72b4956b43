// Throughput of the redactor in MB/s per core (CPU time, not wall time: the machine is shared).
//   npx tsx scripts/bench/redactor.ts [--mb 256] [--pseudonymize all] [--json FILE]
// Text: seeded synthetic Java logs with stack traces (90%), access logs and configs.
import { writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRedactionSession } from '../../core/node/redact/session.js';
import { accessLog, config, javaLog, Rng } from './synthetic-text.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1]!;
}

async function main(): Promise<void> {
  const mb = Number(arg('mb', '256'));
  const rng = new Rng(7);
  const parts: Buffer[] = [];
  let total = 0;
  while (total < mb * 1e6) {
    const r = rng.next();
    const text = r < 0.9 ? javaLog(rng, 4 << 20) : r < 0.97 ? accessLog(rng, 1 << 20) : config(rng);
    const b = Buffer.from(text);
    parts.push(b);
    total += b.length;
  }
  const session = createRedactionSession({});
  const run = async (): Promise<{ cpuMs: number; outBytes: number }> => {
    const c0 = process.cpuUsage();
    let outBytes = 0;
    for (const p of parts) {
      // 64 KiB chunks, as a file read stream delivers them
      const chunks: Buffer[] = [];
      for (let o = 0; o < p.length; o += 65536) chunks.push(p.subarray(o, o + 65536));
      await pipeline(
        Readable.from(chunks),
        session.stream({ id: 'bench', source: '/var/log/app/app.log' }),
        new Writable({
          write(c: Buffer, _e, cb) {
            outBytes += c.length;
            cb();
          },
        }),
      );
    }
    const c = process.cpuUsage(c0);
    return { cpuMs: (c.user + c.system) / 1000, outBytes };
  };
  await run(); // warm-up
  const runs = [await run(), await run(), await run()].sort((a, b) => a.cpuMs - b.cpuMs);
  const median = runs[1]!;
  const mbps = total / 1e6 / (median.cpuMs / 1000);
  const result = {
    inputMB: Math.round(total / 1e5) / 10,
    cpuSeconds: Math.round(median.cpuMs) / 1000,
    mbPerSecondPerCore: Math.round(mbps),
    redactions: session.totals(),
  };
  console.log(
    `redactor: ${result.mbPerSecondPerCore} MB/s per core (${result.inputMB} MB, median of 3, CPU time)`,
  );
  const json = arg('json', '');
  if (json) writeFileSync(json, JSON.stringify(result, null, 2));
}

void main();
