import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkGlob, type WalkEntry } from '../../../core/node/collect/walk.js';
import { tempDir } from '../../support/tmp.js';

async function all(pattern: string): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for await (const e of walkGlob(pattern)) out.push(e);
  return out;
}
const rel = (dir: string, es: WalkEntry[]) =>
  es.map((e) => `${e.type} ${path.relative(dir, e.path)}`);

describe('glob walker', () => {
  it('expands globs, a literal file and a literal directory', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'a/b'), { recursive: true });
    for (const f of ['x.log', 'x.log.1', 'a/y.log', 'a/b/z.log', 'a/b/z.txt', 'a/.hidden.log'])
      await writeFile(path.join(dir, f), f);
    expect(rel(dir, await all(`${dir}/**/*.log`))).toEqual([
      'file a/.hidden.log',
      'file a/b/z.log',
      'file a/y.log',
      'file x.log',
    ]);
    expect(rel(dir, await all(`${dir}/*.log.[0-9]*`))).toEqual(['file x.log.1']);
    expect(rel(dir, await all(`${dir}/a/*/*.txt`))).toEqual(['file a/b/z.txt']);
    expect(rel(dir, await all(`${dir}/x.log`))).toEqual(['file x.log']);
    expect(rel(dir, await all(`${dir}/a/b`))).toEqual(['file a/b/z.log', 'file a/b/z.txt']);
    expect(await all(`${dir}/nothing/**/*.log`)).toEqual([]);
    expect(await all(`${dir}/*.nothing`)).toEqual([]);
  });

  it('reports FIFOs, sockets and devices without opening them', async () => {
    const dir = await tempDir();
    execFileSync('mkfifo', [path.join(dir, 'p.log')]);
    execFileSync('mknod', [path.join(dir, 'd.log'), 'c', '1', '3']);
    const server = net.createServer().listen(path.join(dir, 's.log'));
    await new Promise((r) => server.once('listening', r));
    await symlink('/dev/zero', path.join(dir, 'z.log'));
    try {
      const es = await all(`${dir}/*.log`);
      expect(
        es.map((e) => (e.type === 'special' ? `${path.basename(e.path)} ${e.what}` : e.type)),
      ).toEqual(['d.log character device', 'p.log FIFO', 's.log socket', 'z.log character device']);
    } finally {
      server.close();
    }
  });

  it('notices symlink loops by device and inode, and self-referencing links', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'logs/sub'), { recursive: true });
    await writeFile(path.join(dir, 'logs/sub/app.log'), 'x');
    await symlink(path.join(dir, 'logs'), path.join(dir, 'logs/sub/up')); // points at its grandparent
    await symlink('self.log', path.join(dir, 'logs/self.log')); // ELOOP
    const es = await all(`${dir}/logs/**`);
    expect(rel(dir, es)).toEqual([
      'loop logs/self.log',
      'file logs/sub/app.log',
      'loop logs/sub/up',
    ]);
    const loop = es.find((e) => e.path.endsWith('up'));
    expect(loop).toMatchObject({
      reason: 'symlink loop: this directory is one of its own parents',
    });
  });
});
