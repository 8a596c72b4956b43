// Reading a finished bundle the way a support engineer would: with Info-ZIP's unzip.
import { execFileSync } from 'node:child_process';
import type { Manifest, ManifestItem } from '../../core/common/manifest/schema.js';

export function unzipTest(bundle: string): string {
  return execFileSync('unzip', ['-t', bundle], { encoding: 'utf8' });
}

export function entry(bundle: string, name: string): Buffer {
  return execFileSync('unzip', ['-p', bundle, name], { maxBuffer: 1 << 30 });
}

/** Every entry name in the zip, as unzip lists it. */
export function entryNames(bundle: string): string[] {
  return execFileSync('unzip', ['-Z1', bundle], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

export function manifestOf(bundle: string): Manifest {
  return JSON.parse(entry(bundle, 'manifest.json').toString('utf8')) as Manifest;
}

export function itemBySource(m: Manifest, source: string): ManifestItem {
  const i = m.items.find((x) => x.source === source);
  if (!i)
    throw new Error(
      `no manifest item for ${source}; have ${m.items.map((x) => x.source).join(', ')}`,
    );
  return i;
}
