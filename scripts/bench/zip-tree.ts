// Pack a directory tree with casepack's bundle writer, as the collector does (one read stream per
// file, entries queued `--concurrency` at a time). Used by zip-bench.ts and the memory check.
//
//   npx tsx scripts/bench/zip-tree.ts TREE OUTDIR [--level 6] [--concurrency 4]
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { openBundle } from '../../core/node/bundle/bundle-writer.js';
import type { Manifest } from '../../core/common/manifest/schema.js';
import { baseManifest } from '../../test/support/bundle-builder.js';

async function* walk(dir: string, rel = ''): AsyncGenerator<string> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walk(dir, r);
    else if (e.isFile()) yield r;
  }
}

export async function zipTree(
  tree: string,
  outDir: string,
  opts: { level?: number; concurrency?: number } = {},
): Promise<{ path: string; size: number; entries: number }> {
  const bundle = await openBundle({
    dir: outDir,
    name: 'bench.zip',
    zip: { level: opts.level ?? 6 },
  });
  const limit = opts.concurrency ?? 4;
  const running = new Set<Promise<unknown>>();
  const items: Manifest['items'] = [];
  for await (const rel of walk(tree)) {
    const file = path.join(tree, rel);
    const { mtime } = await stat(file);
    const p = bundle.addEntry(`files/${rel}`, createReadStream(file), { mtime }).then((r) => {
      items.push({
        id: rel,
        type: 'file',
        source: file,
        path: r.name,
        size: r.size,
        sha256: r.sha256,
        status: 'collected',
      });
    });
    running.add(p);
    void p.finally(() => running.delete(p));
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
  const manifest = baseManifest();
  manifest.items.push(...items);
  const r = await bundle.finish({
    manifest,
    caseJson: {},
    reportHtml: '<!doctype html><title>bench</title>',
  });
  return { path: r.path, size: r.size, entries: items.length + 3 };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  const [tree, outDir] = args.filter(
    (a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'),
  );
  if (!tree || !outDir)
    throw new Error('usage: zip-tree.ts TREE OUTDIR [--level 6] [--concurrency 4]');
  const flag = (n: string) => (args.includes(n) ? Number(args[args.indexOf(n) + 1]) : undefined);
  const r = await zipTree(tree, outDir, {
    level: flag('--level'),
    concurrency: flag('--concurrency'),
  });
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
