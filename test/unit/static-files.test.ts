// The renderer folder is the only thing `casepack serve` and the app protocol hand out.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveStatic } from '../../core/node/ui/static-files.js';
import { tempDir } from '../support/tmp.js';

describe('resolveStatic', () => {
  let root: string;
  let outside: string;
  beforeAll(async () => {
    const dir = await tempDir();
    root = path.join(dir, 'renderer');
    outside = path.join(dir, 'secret.txt');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<div id="root"></div>');
    await writeFile(path.join(root, 'assets', 'app.js'), '');
    await writeFile(outside, 'secret');
    await symlink(outside, path.join(root, 'assets', 'link.js'));
    await symlink(path.dirname(root), path.join(root, 'up'));
  });

  it('serves files of the folder and the page for client routes', async () => {
    expect(await resolveStatic(root, '/')).toBe(path.join(root, 'index.html'));
    expect(await resolveStatic(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(await resolveStatic(root, '/review')).toBe(path.join(root, 'index.html'));
    expect(await resolveStatic(root, '/assets/missing.js')).toBeUndefined();
  });

  it('never resolves outside the folder, by dots, encodings or links', async () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/link.js',
      '/up/secret.txt',
      '/a%00.js',
      '/%E0%A4%A',
    ])
      expect([undefined, path.join(root, 'index.html')], p).toContain(await resolveStatic(root, p));
    expect(await resolveStatic(root, '/assets/link.js')).toBeUndefined();
    expect(await resolveStatic(root, '/up/secret.txt')).toBeUndefined();
  });
});
