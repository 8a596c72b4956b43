// Write one generated entry of N bytes into a bundle (for the memory figure and the real zip64
// check). Content: log-like text by default, or zeros (`--zeros`, fast to deflate).
//
//   node .bench/dist/scripts/bench/zip-entry.js OUTDIR BYTES [--zeros]
import path from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { openBundle } from '../../core/node/bundle/bundle-writer.js';
import { baseManifest } from '../../test/support/bundle-builder.js';
import { textStream } from '../../test/support/content.js';

function zeros(bytes: number): {
  stream: Readable;
  digest: () => { size: number; sha256: string };
} {
  const hash = createHash('sha256');
  const block = Buffer.alloc(1 << 20);
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= bytes) return void this.push(null);
      const chunk = block.subarray(0, Math.min(block.length, bytes - sent));
      hash.update(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, digest: () => ({ size: sent, sha256: hash.digest('hex') }) };
}

export async function zipEntry(outDir: string, bytes: number, useZeros: boolean) {
  const gen = useZeros ? zeros(bytes) : textStream(bytes, 11);
  const bundle = await openBundle({ dir: outDir, name: `entry-${bytes}.zip` });
  const started = Date.now();
  const r = await bundle.addEntry('logs/big.log', gen.stream);
  const manifest = baseManifest();
  manifest.items.push({
    id: 'big',
    type: 'file',
    source: 'generated',
    path: r.name,
    size: r.size,
    sha256: r.sha256,
    status: 'collected',
  });
  const done = await bundle.finish({
    manifest,
    caseJson: {},
    reportHtml: '<!doctype html><title>bench</title>',
  });
  const expected = gen.digest();
  if (expected.sha256 !== r.sha256 || expected.size !== r.size)
    throw new Error('the writer hashed different bytes than the generator produced');
  return { path: done.path, zipBytes: done.size, entry: r, ms: Date.now() - started };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [outDir, bytes] = process.argv.slice(2);
  if (!outDir || !bytes) throw new Error('usage: zip-entry.js OUTDIR BYTES [--zeros]');
  const r = await zipEntry(outDir, Number(bytes), process.argv.includes('--zeros'));
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
