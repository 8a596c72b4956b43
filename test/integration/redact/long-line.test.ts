// A 300 MB single line through the real redactor in its own process: memory stays bounded (the
// Transform holds at most MAX_LINE of a line) and secrets on both sides of segment cuts go.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.js';

const SCRIPT = `
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
const { createRedactionSession } = await import(${JSON.stringify(path.join(repoRoot, 'dist/core/node/redact/session.js'))});
const s = createRedactionSession({});
const block = Buffer.from('field=value,'.repeat(5461)); // ~64 KiB, no newline
const total = 300 * 1024 * 1024;
let sent = 0;
let planted = 0;
const src = new Readable({
  read() {
    if (sent >= total) { this.push('\\n'); this.push(null); return; }
    let b = block;
    // a secret now and then, some of them across the 1 MiB segment cuts
    if (sent % (7 * 1024 * 1024) < 65536) { b = Buffer.concat([b, Buffer.from(' password=Leak' + (planted++) + 'Secret! ')]); }
    sent += b.length;
    this.push(b);
  },
});
let leaked = 0, bytes = 0, tail = '';
await pipeline(src, s.stream({ id: 'big', source: '/var/log/big.log' }), new Writable({
  write(c, _e, cb) { const t = tail + c.toString('latin1'); if (/Leak\\d+Secret!/.test(t)) leaked++; tail = t.slice(-64); bytes += c.length; cb(); },
}));
process.stdout.write(JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024, leaked, planted, bytes, counts: s.totals() }));
`;

it('redacts a 300 MB single line in bounded memory', async () => {
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let o = '';
    child.stdout.on('data', (d: Buffer) => (o += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(o) : reject(new Error(`exit ${code}`))));
  });
  const r = JSON.parse(out) as {
    maxRssMB: number;
    leaked: number;
    planted: number;
    bytes: number;
    counts: Record<string, number>;
  };
  expect(r.bytes).toBeGreaterThan(300 * 1024 * 1024);
  expect(r.planted).toBeGreaterThan(30);
  expect(r.leaked).toBe(0);
  expect(r.counts.password).toBe(r.planted);
  expect(r.maxRssMB).toBeLessThan(200);
}, 300_000);
