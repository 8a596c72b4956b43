import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CollectResult } from '../../../core/common/api/collect.js';
import { entry, manifestOf, unzipTest } from '../../support/bundle-read.js';
import { runCli, runCliJson } from '../../support/cli.js';
import { tempDir } from '../../support/tmp.js';

describe('casepack collect --profile linux-host on this machine', () => {
  it('writes a bundle that unzip accepts, whose every entry matches its manifest checksum, with a report', async () => {
    const out = await tempDir();
    const r = await runCliJson<CollectResult>([
      'collect',
      '--profile',
      'linux-host',
      '--since',
      '24h',
      '--out',
      out,
      '--yes',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(await readdir(out)).toEqual([path.basename(r.json.bundle)]);
    expect(unzipTest(r.json.bundle)).toMatch(/No errors detected/);
    const v = await runCli(['verify', r.json.bundle]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const m = manifestOf(r.json.bundle);
    expect(m.profiles.map((p) => p.name)).toEqual(['linux-host']);
    const written = m.items.filter((i) => i.path);
    expect(written.length).toBeGreaterThan(20);
    for (const i of written) {
      const data = entry(r.json.bundle, i.path!);
      expect(createHash('sha256').update(data).digest('hex'), i.path).toBe(i.sha256);
      expect(data.length, i.path).toBe(i.size);
    }
    // The system report is part of every bundle, and report.html shows it.
    expect(m.items.some((i) => i.type === 'system' && i.path === 'system/os.json')).toBe(true);
    const html = entry(r.json.bundle, 'report.html').toString('utf8');
    expect(html).toContain('System report');
    expect(html).toContain('commands/uname.txt');
    expect(r.json.summary.items).toBe(m.items.filter((i) => i.type !== 'meta').length);
  });
});
