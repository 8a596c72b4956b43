// Packaging smoke test: electron-builder `--linux dir` with the real configuration and a stub
// Electron (no Electron binary can be downloaded here; fuses need a real one, so only this test
// turns them off). It proves what app.asar holds, and what it must never hold.
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listPackage, extractFile } from '@electron/asar';
import { beforeAll, describe, expect, it } from 'vitest';
import config, { FUSES } from '../../build/electron-builder.mjs';
import { repoRoot } from '../support/paths.js';
import { tempDir } from '../support/tmp.js';
import { ensureUiBuilt } from '../support/ui-build.js';

describe('packaging (electron-builder --linux dir, stub Electron)', () => {
  let asar: string;
  let files: string[];

  beforeAll(async () => {
    ensureUiBuilt();
    const dir = await tempDir('casepack-pack-');
    const stub = path.join(dir, 'electron-dist');
    await mkdir(path.join(stub, 'resources'), { recursive: true });
    await writeFile(path.join(stub, 'electron'), '#!/bin/sh\necho stub\n');
    await chmod(path.join(stub, 'electron'), 0o755);
    await writeFile(path.join(stub, 'LICENSE'), 'MIT\n');
    await writeFile(path.join(stub, 'version'), '45.5.0\n');
    const { build, Platform } = await import('electron-builder');
    await build({
      projectDir: repoRoot,
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
      // electron-builder normalises its configuration in place: give it a copy.
      config: {
        ...structuredClone(config),
        electronFuses: null, // a stub binary has no fuse wire to flip
        electronDist: stub,
        electronVersion: '45.5.0',
        directories: { ...structuredClone(config.directories), output: path.join(dir, 'release') },
      },
    });
    asar = path.join(dir, 'release', 'linux-unpacked', 'resources', 'app.asar');
    files = listPackage(asar, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
  }, 300_000);

  it('holds the three bundles, the shipped profiles and package.json', async () => {
    for (const f of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ])
      expect(files).toContain(f);
    const profiles = await readdir(path.join(repoRoot, 'resources', 'profiles')).catch(() => []);
    for (const p of profiles.filter((x) => x.endsWith('.yaml')))
      expect(files).toContain(`/resources/profiles/${p}`);
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('holds every package the main bundle imports, so the app can start', () => {
    const main = readFileSync(path.join(repoRoot, 'out', 'main', 'index.js'), 'utf8');
    const bare = new Set(
      [...main.matchAll(/(?:from |import\()"([^".][^"]*)"/g)]
        .map((m) => m[1]!)
        .filter((s) => !s.startsWith('node:') && s !== 'electron')
        .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!)),
    );
    expect(bare.size).toBeGreaterThan(0);
    for (const dep of bare) expect(files, dep).toContain(`/node_modules/${dep}/package.json`);
  });

  it('holds no tests, no sources, no source maps and no dev dependencies', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(files.filter((f) => /\/(test|tests|__tests__)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx)$/.test(f))).toEqual([]);
    expect(
      files.filter((f) =>
        /^\/(core|cli|server|renderer|electron|test|scripts|docs|\.scratch)\//.test(f),
      ),
    ).toEqual([]);
    for (const dev of Object.keys(pkg.devDependencies))
      expect(files, dev).not.toContain(`/node_modules/${dev}`);
  });

  it('sets the fuses in the real configuration (only this test turns them off)', () => {
    expect(config.electronFuses).toBe(FUSES);
    expect(FUSES).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });
});
