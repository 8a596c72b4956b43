// The bundle file on real file systems: a complete bundle appears only under its final name, and a
// full disk, a read-only file system, an unwritable directory or an abort leave nothing behind.
// Needs root for the tmpfs mounts and the `nobody` child (CI runs as root).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../core/node/bundle/bundle-writer.js';
import type { CasepackError } from '../../core/common/errors.js';
import { baseManifest } from '../support/bundle-builder.js';
import { repoRoot } from '../support/paths.js';
import { sha256, textStream } from '../support/content.js';
import { tempDir } from '../support/tmp.js';
import { readEverywhere } from '../support/zip-readers.js';

const run = promisify(execFile);

const manifest = baseManifest;

/** A tmpfs of `size` mounted on a fresh directory, unmounted after the file's tests. */
async function tmpfs(size: string, opts: string[] = []): Promise<string> {
  if (process.getuid?.() !== 0)
    throw new Error('this test mounts a tmpfs and needs root (CI runs as root)');
  const dir = path.join(await tempDir(), 'mnt');
  await mkdir(dir);
  await run('mount', ['-t', 'tmpfs', '-o', [`size=${size}`, ...opts].join(','), 'tmpfs', dir]);
  afterAll(() => run('umount', [dir]));
  return dir;
}

describe('bundle writer', () => {
  it('writes NAME.zip.partial and renames it to NAME.zip only when complete, manifest last', async () => {
    const dir = await tempDir();
    const bundle = await openBundle({ dir, name: 'casepack-NEW-host-20261127T100000Z.zip' });
    expect(path.basename(bundle.partialPath)).toBe(
      'casepack-NEW-host-20261127T100000Z.zip.partial',
    );
    const log = textStream(3_000_000, 5);
    const entry = await bundle.addEntry('logs/var/log/app.log', log.stream);
    expect(await readdir(dir)).toEqual([path.basename(bundle.partialPath)]);

    const m = manifest();
    m.items.push({
      id: 'f1',
      type: 'file',
      source: '/var/log/app.log',
      path: entry.name,
      size: entry.size,
      sha256: entry.sha256,
      status: 'collected',
    });
    const done = await bundle.finish({
      manifest: m,
      caseJson: { summary: 'Überlauf' },
      reportHtml: '<!doctype html><title>r</title>',
    });

    expect(await readdir(dir)).toEqual([path.basename(done.path)]);
    expect((await stat(done.path)).mode & 0o777).toBe(0o600);
    expect(entry.sha256).toBe(log.digest().sha256);
    const read = await readEverywhere(done.path);
    expect(Object.keys(read).sort()).toEqual([
      'case.json',
      'logs/var/log/app.log',
      'manifest.json',
      'report.html',
    ]);
    expect(read['logs/var/log/app.log']).toEqual(log.digest());
    // the meta entries are manifest items with their checksums
    const meta = done.manifest.items.filter((i) => i.type === 'meta');
    expect(meta.map((i) => i.path)).toEqual(['case.json', 'report.html']);
    for (const i of meta) expect(read[i.path!]?.sha256).toBe(i.sha256);
    expect(read['report.html']?.sha256).toBe(sha256('<!doctype html><title>r</title>'));
    // manifest.json is the last entry in the zip
    const { stdout } = await run('unzip', ['-Z1', done.path]);
    expect(stdout.trim().split('\n').at(-1)).toBe('manifest.json');
  });

  it('never overwrites an existing bundle', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'casepack-1-h-20261127T100000Z.zip'), 'older bundle');
    const b = await openBundle({ dir, name: 'casepack-1-h-20261127T100000Z.zip' });
    const done = await b.finish({ manifest: manifest(), caseJson: {}, reportHtml: '' });
    expect(path.basename(done.path)).toBe('casepack-1-h-20261127T100000Z-2.zip');
  });

  it('fails with disk-full when the disk fills, and leaves no file behind', async () => {
    const mnt = await tmpfs('2m');
    const bundle = await openBundle({ dir: mnt, name: 'full.zip' });
    await bundle.addBuffer('small.txt', 'fits\n');
    const err = (await bundle
      .addBuffer('dump.bin', randomBytes(6 * 1024 * 1024))
      .catch((e: unknown) => e)) as CasepackError;
    expect(err.code).toBe('disk-full');
    expect(err.message).toContain(`The disk holding ${mnt} is full`);
    expect(err.message).toContain('No bundle was written');
    expect(await readdir(mnt)).toEqual([]);
    // later calls get the same error, and finish does not produce a zip
    await expect(bundle.addBuffer('later.txt', 'x')).rejects.toMatchObject({ code: 'disk-full' });
    await expect(
      bundle.finish({ manifest: manifest(), caseJson: {}, reportHtml: '' }),
    ).rejects.toMatchObject({ code: 'disk-full' });
    expect(await readdir(mnt)).toEqual([]);
  });

  it('refuses a read-only file system with a clear message', async () => {
    const mnt = await tmpfs('1m', ['ro']);
    await expect(openBundle({ dir: mnt, name: 'ro.zip' })).rejects.toMatchObject({
      code: 'permission',
      message: expect.stringContaining(`Cannot write to ${mnt}: the file system is read-only`),
    });
    expect(await readdir(mnt)).toEqual([]);
  });

  it('refuses a directory the user cannot write to (as nobody)', async () => {
    const base = await tempDir();
    await chmod(base, 0o755);
    const dir = path.join(base, 'locked');
    await mkdir(dir, { mode: 0o555 });
    await chmod(dir, 0o555);
    const script = `
      const { openBundle } = await import(${JSON.stringify(path.join(repoRoot, 'dist/core/node/bundle/bundle-writer.js'))});
      try { await openBundle({ dir: ${JSON.stringify(dir)}, name: 'x.zip' }); console.log('{}'); }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`;
    const { stdout } = await run('runuser', [
      '-u',
      'nobody',
      '--',
      process.execPath,
      '--input-type=module',
      '-e',
      script,
    ]);
    const res = JSON.parse(stdout) as { code?: string; message?: string };
    expect(res.code).toBe('permission');
    expect(res.message).toBe(
      `Cannot write to ${dir}: permission denied. No bundle was written. Choose an output directory you can write to.`,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('says when the output directory does not exist', async () => {
    const dir = path.join(await tempDir(), 'missing');
    await expect(openBundle({ dir, name: 'x.zip' })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining(`The output directory ${dir} does not exist`),
    });
  });

  it('abort stops the entries in progress and removes the partial file', async () => {
    const dir = await tempDir();
    const bundle = await openBundle({ dir, name: 'aborted.zip' });
    await bundle.addBuffer('first.txt', 'first\n');
    // a source that produces a little and then waits forever (a hung command)
    const hung = new Readable({ read() {} });
    hung.push('partial output\n');
    const pending = bundle.addEntry('commands/hung.txt', hung).catch((e: unknown) => e);
    const queued = bundle.addBuffer('queued.txt', 'queued\n').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await bundle.abort();
    expect(await pending).toMatchObject({ code: 'cancelled' });
    expect(await queued).toMatchObject({ code: 'cancelled' });
    expect(hung.destroyed).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it('passes a source error through and still finishes a valid bundle', async () => {
    const dir = await tempDir();
    const bundle = await openBundle({ dir, name: 'src-error.zip' });
    const failing = new Readable({
      read() {
        this.destroy(new Error('EACCES: permission denied, open /var/log/secure'));
      },
    });
    await expect(bundle.addEntry('logs/secure', failing)).rejects.toThrow('EACCES');
    await bundle.addBuffer('ok.txt', 'ok\n');
    const done = await bundle.finish({ manifest: manifest(), caseJson: {}, reportHtml: '' });
    expect(Object.keys(await readEverywhere(done.path)).sort()).toEqual([
      'case.json',
      'manifest.json',
      'ok.txt',
      'report.html',
    ]);
  });
});
