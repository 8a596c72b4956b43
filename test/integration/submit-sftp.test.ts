// SFTP drop box against the real OpenSSH sshd on 127.0.0.1:2222 (scripts/test-env): what arrives is
// checked on the server's disk, byte for byte, never by the client's word.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binPath } from '../support/paths.js';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import {
  makeBundle,
  sftpFolder,
  sftpTarget,
  sha256File,
  sshd,
  writeConfig,
} from '../support/submit-env.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('casepack-sftp-');
});

const MiB = 1024 * 1024;
const fastRetry = { retry: { initialDelay: '200ms', maxDelay: '1s', window: '2m' } };

async function setup(label: string, payload: number, target: Record<string, unknown> = {}) {
  const folder = await sftpFolder(label);
  const bundle = await makeBundle(dir, { payloadBytes: payload });
  const data = path.join(dir, `data-${label}-${Date.now()}`);
  const config = await writeConfig(dir, {
    network: fastRetry,
    targets: { drop: sftpTarget(folder.remote, target) },
  });
  return { folder, bundle, data, config, env: { CASEPACK_DATA_DIR: data } };
}

function waitFor(cond: () => boolean, what: string, ms = 60_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const t = setInterval(() => {
      if (cond()) {
        clearInterval(t);
        resolve();
      } else if (Date.now() - start > ms) {
        clearInterval(t);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 20);
  });
}

describe('submit to an SFTP drop box', () => {
  it('uploads as <case>_<bundle name> and the server holds exactly the bundle', async () => {
    const s = await setup('plain', 3 * MiB);
    const r = await runCliJson(
      ['--config', s.config, 'submit', s.bundle, '--target', 'drop', '--case', '4711'],
      { env: s.env },
    );
    expect(r.code, r.stderr).toBe(0);
    const name = `4711_${path.basename(s.bundle)}`;
    expect(readdirSync(s.folder.local)).toEqual([name]);
    const want = await sha256File(s.bundle);
    expect(await sha256File(path.join(s.folder.local, name))).toBe(want);
    expect(r.json).toMatchObject({
      status: 'done',
      caseNumber: '4711',
      receipt: { target: 'drop', file: name, size: statSync(s.bundle).size, sha256: want },
    });
    const hist = await runCliJson<{ receipts: Array<{ file: string; sha256: string }> }>(
      ['--config', s.config, 'history'],
      { env: s.env },
    );
    expect(hist.json.receipts[0]).toMatchObject({ file: name, sha256: want });
  });

  it('resumes after the process was killed mid-upload without re-sending what the server has', async () => {
    const f = sshd();
    const proxy = await startTcpProxy(
      { host: f.host, port: f.port },
      { upBytesPerSecond: 6 * MiB },
    );
    try {
      const s = await setup('kill', 48 * MiB, { port: proxy.port });
      const size = statSync(s.bundle).size;
      const part = path.join(s.folder.local, `${path.basename(s.bundle)}.part`);
      const child = spawn(
        process.execPath,
        [binPath, '--config', s.config, 'submit', s.bundle, '--target', 'drop'],
        {
          env: { ...process.env, ...s.env },
          stdio: 'ignore',
        },
      );
      await waitFor(
        () => existsSync(part) && statSync(part).size > 12 * MiB,
        'a third of the upload on the server',
      );
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      // Bytes already in flight still land after the kill; wait until the server's file is still.
      let last = -1;
      let same = 0;
      await waitFor(() => {
        const now = statSync(part).size;
        same = now === last ? same + 1 : 0;
        last = now;
        return same >= 10;
      }, 'the partial file to stop growing');
      const onServer = statSync(part).size;
      expect(onServer).toBeGreaterThan(12 * MiB);
      expect(onServer).toBeLessThan(size);

      proxy.rules = {};
      proxy.resetCounters();
      const r = await runCliJson<{
        results: Array<{ status: string; receipt: { sha256: string } }>;
      }>(['--config', s.config, 'outbox', 'retry'], { env: s.env });
      expect(r.code, r.stderr).toBe(0);
      const final = path.join(s.folder.local, path.basename(s.bundle));
      expect(await sha256File(final)).toBe(await sha256File(s.bundle));
      expect(existsSync(part)).toBe(false);
      // What went over the wire the second time: the missing part plus SSH and SFTP overhead
      // (well under one 64 KiB chunk per MiB), not the whole bundle again.
      const missing = size - onServer;
      expect(proxy.up).toBeGreaterThanOrEqual(missing);
      expect(proxy.up).toBeLessThan(missing + missing / 16 + 256 * 1024);
      const job = (
        await runCliJson<{ jobs: Array<{ steps: Array<{ result?: { resumedFrom?: number } }> }> }>(
          ['--config', s.config, 'outbox', 'list', '--all'],
          { env: s.env },
        )
      ).json.jobs[0]!;
      expect(job.steps[0]!.result!.resumedFrom).toBe(onServer);
    } finally {
      await proxy.close();
    }
  });

  it('survives a connection reset mid-transfer: reconnects, resumes, and the file is whole', async () => {
    const f = sshd();
    const proxy = await startTcpProxy(
      { host: f.host, port: f.port },
      { resetAfterUpBytes: 5 * MiB },
    );
    try {
      const s = await setup('reset', 12 * MiB, { port: proxy.port });
      const size = statSync(s.bundle).size;
      // Only the first connection is reset.
      const started = runCliJson(['--config', s.config, 'submit', s.bundle, '--target', 'drop'], {
        env: s.env,
      });
      await waitFor(() => proxy.connections >= 1, 'the first connection');
      proxy.rules = {};
      const r = await started;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/connection|reset|closed/i);
      expect(await sha256File(path.join(s.folder.local, path.basename(s.bundle)))).toBe(
        await sha256File(s.bundle),
      );
      expect(proxy.connections).toBeGreaterThanOrEqual(2);
      expect(proxy.up).toBeLessThan(size + 5 * MiB + MiB);
    } finally {
      await proxy.close();
    }
  });

  it('refuses an unknown host key with its fingerprint, sends nothing, and trusts it once confirmed', async () => {
    const s = await setup('unknown-key', MiB, { hostKey: undefined });
    const before = await sha256File(s.bundle);
    const r = await runCliJson(['--config', s.config, 'submit', s.bundle, '--target', 'drop'], {
      env: s.env,
    });
    expect(r.code).toBe(5);
    const fp = /SHA256:[A-Za-z0-9+/]+/.exec(r.stderr)?.[0];
    expect(fp, r.stderr).toBeDefined();
    expect(r.stderr).toContain(`casepack targets trust drop --fingerprint ${fp}`);
    expect(readdirSync(s.folder.local)).toEqual([]);
    expect(await sha256File(s.bundle)).toBe(before);

    const wrong = await runCli(
      [
        '--config',
        s.config,
        'targets',
        'trust',
        'drop',
        '--fingerprint',
        'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      ],
      { env: s.env },
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('nothing was remembered');
    const t = await runCli(
      ['--config', s.config, 'targets', 'trust', 'drop', '--fingerprint', fp!],
      { env: s.env },
    );
    expect(t.code, t.stderr).toBe(0);
    const again = await runCliJson(['--config', s.config, 'outbox', 'retry'], { env: s.env });
    expect(again.code, again.stderr).toBe(0);
    expect(await sha256File(path.join(s.folder.local, path.basename(s.bundle)))).toBe(before);
  });

  it('refuses a host key that differs from the pinned one', async () => {
    const s = await setup('pinned', MiB, {
      hostKey: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
    });
    const r = await runCli(['--config', s.config, 'submit', s.bundle, '--target', 'drop'], {
      env: s.env,
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/DIFFERENT host key .*Nothing was sent/);
    expect(readdirSync(s.folder.local)).toEqual([]);
  });

  it('says clearly when the server refuses the key, never showing the key, and keeps the bundle', async () => {
    const keyFile = path.join(dir, 'wrong-key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
    const privateKey = await readFile(keyFile, 'utf8');
    const s = await setup('wrong-key', MiB, { privateKey: { file: keyFile } });
    const r = await runCliJson(['--config', s.config, 'submit', s.bundle, '--target', 'drop'], {
      env: s.env,
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(
      `refused the login of user "dropbox" with the key in the file ${keyFile}`,
    );
    const secretLine = privateKey.split('\n')[1]!;
    expect(r.stdout + r.stderr).not.toContain(secretLine);
    for (const f of readdirSync(path.join(s.data, 'outbox'), { recursive: true }) as string[]) {
      const p = path.join(s.data, 'outbox', f);
      if (statSync(p).isFile()) expect(await readFile(p, 'utf8')).not.toContain(secretLine);
    }
    expect(existsSync(s.bundle)).toBe(true);
    expect(r.json).toMatchObject({ status: 'failed' });
  });

  it('refuses a bundle larger than the free space on the server, before sending', async () => {
    const f = sshd();
    const s = await setup('full', 2 * MiB);
    const config = await writeConfig(dir, { targets: { drop: sftpTarget(f.fullDir) } });
    const big = await makeBundle(dir, { payloadBytes: f.fullBytes + MiB });
    const r = await runCli(['--config', config, 'submit', big, '--target', 'drop'], { env: s.env });
    const left = readdirSync(path.join(f.chroot, f.fullDir)).filter((n) =>
      n.includes(path.basename(big)),
    );
    for (const n of left) await rm(path.join(f.chroot, f.fullDir, n), { force: true });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/only .* free in \/full; the bundle needs .* more/);
    expect(r.stderr).toContain(`The bundle is kept at ${big}`);
    expect(left).toEqual([]);
  });

  it('explains a disk that fills up during the upload, and resumes once there is space again', async () => {
    const f = sshd();
    const proxy = await startTcpProxy(
      { host: f.host, port: f.port },
      { upBytesPerSecond: 2 * MiB },
    );
    const fullLocal = path.join(f.chroot, f.fullDir);
    const filler = path.join(fullLocal, `filler-${Date.now()}`);
    try {
      const s = await setup('fills', 0);
      const config = await writeConfig(dir, {
        network: fastRetry,
        targets: { drop: sftpTarget(f.fullDir, { port: proxy.port }) },
      });
      const bundle = await makeBundle(dir, { payloadBytes: 2 * MiB });
      const part = path.join(fullLocal, `${path.basename(bundle)}.part`);
      const run = runCli(['--config', config, 'submit', bundle, '--target', 'drop'], {
        env: s.env,
      });
      await waitFor(
        () => existsSync(part) && statSync(part).size > 256 * 1024,
        'the upload to start',
      );
      // Someone else fills the disk while we upload.
      await writeFile(filler, Buffer.alloc(f.fullBytes - statSync(part).size - 64 * 1024)).catch(
        () => undefined,
      );
      const r = await run;
      expect(r.code).toBe(5);
      expect(r.stderr).toMatch(/disk is full in \/full \(.* free; the bundle needs 2\.0 MiB\)/);
      expect(r.stderr).toContain(`The bundle is kept at ${bundle}`);
      await rm(filler, { force: true });
      proxy.rules = {};
      const again = await runCli(['--config', config, 'outbox', 'retry'], { env: s.env });
      expect(again.code, again.stderr).toBe(0);
      expect(await sha256File(path.join(fullLocal, path.basename(bundle)))).toBe(
        await sha256File(bundle),
      );
      await rm(path.join(fullLocal, path.basename(bundle)), { force: true });
    } finally {
      await rm(filler, { force: true });
      for (const n of readdirSync(fullLocal)) await rm(path.join(fullLocal, n), { force: true });
      await proxy.close();
    }
  });
});
