// The offline export (air-gapped sites): what lands in the folder is checked with the tools the
// person at the other end has: sha256sum, and Debian's gpg 2.2 for the encrypted copy.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';
import { makeBundle, sha256File, writeConfig } from '../support/submit-env.js';

let dir: string;
let gnupg: string;
let publicKey: string;
const mounts: string[] = [];

beforeAll(async () => {
  dir = await tempDir('casepack-folder-');
  // The vendor's key pair, made by gpg itself (what a vendor would publish).
  gnupg = path.join(dir, 'gnupg');
  await mkdir(gnupg, { mode: 0o700 });
  const gpg = (...args: string[]) =>
    execFileSync('gpg', ['--homedir', gnupg, '--batch', '--yes', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  gpg(
    '--passphrase',
    '',
    '--quick-gen-key',
    'Vendor Support <support@vendor.example>',
    'default',
    'default',
    'never',
  );
  publicKey = path.join(dir, 'vendor.asc');
  await writeFile(publicKey, gpg('--armor', '--export', 'support@vendor.example'));
});

afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
});

describe('export to a folder (removable media)', () => {
  it('writes the bundle, a .sha256 that sha256sum accepts, and a README', async () => {
    const usb = path.join(dir, 'usb');
    const bundle = await makeBundle(dir, { payloadBytes: 400 * 1024 });
    const config = await writeConfig(dir, { targets: { usb: { type: 'folder', path: usb } } });
    const r = await runCliJson<{ status: string; receipt: { file: string; sha256: string } }>(
      ['--config', config, 'submit', bundle, '--target', 'usb'],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-plain') } },
    );
    expect(r.code, r.stderr).toBe(0);
    const name = path.basename(bundle);
    expect(readdirSync(usb).sort()).toEqual([name, `${name}.README.txt`, `${name}.sha256`]);
    expect(await sha256File(path.join(usb, name))).toBe(await sha256File(bundle));
    expect(execFileSync('sha256sum', ['-c', `${name}.sha256`], { cwd: usb }).toString()).toBe(
      `${name}: OK\n`,
    );
    const readme = readFileSync(path.join(usb, `${name}.README.txt`), 'utf8');
    expect(readme).toContain(`sha256sum -c ${name}.sha256`);
    expect(readme).toContain(`casepack submit ${name}`);
    expect(r.json.receipt).toMatchObject({ file: name, sha256: await sha256File(bundle) });
  });

  it('encrypts to the vendor key so that gpg --decrypt gives back the bundle byte for byte', async () => {
    const usb = path.join(dir, 'usb-enc');
    const bundle = await makeBundle(dir, { payloadBytes: 3 * 1024 * 1024 });
    const config = await writeConfig(dir, {
      targets: { usb: { type: 'folder', path: usb, encryptTo: publicKey } },
    });
    const r = await runCliJson<{ receipt: { file: string; sha256: string } }>(
      ['--config', config, 'submit', bundle, '--target', 'usb'],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-enc') } },
    );
    expect(r.code, r.stderr).toBe(0);
    const name = `${path.basename(bundle)}.gpg`;
    expect(r.json.receipt.file).toBe(name);
    expect(readdirSync(usb)).not.toContain(path.basename(bundle));
    expect(execFileSync('sha256sum', ['-c', `${name}.sha256`], { cwd: usb }).toString()).toBe(
      `${name}: OK\n`,
    );
    const out = path.join(dir, 'decrypted.zip');
    execFileSync(
      'gpg',
      ['--homedir', gnupg, '--batch', '--yes', '--decrypt', '--output', out, path.join(usb, name)],
      { stdio: 'pipe' },
    );
    expect(await sha256File(out)).toBe(await sha256File(bundle));
    expect(execFileSync('unzip', ['-tq', out]).toString()).toMatch(/No errors/);
    const v = await runCli(['verify', out]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const readme = readFileSync(path.join(usb, `${name}.README.txt`), 'utf8');
    expect(readme).toContain(`gpg --decrypt --output ${path.basename(bundle)} ${name}`);
  });

  it('refuses a private key given as the vendor key, and exports nothing', async () => {
    const secret = path.join(dir, 'vendor-secret.asc');
    await writeFile(
      secret,
      execFileSync('gpg', [
        '--homedir',
        gnupg,
        '--batch',
        '--armor',
        '--pinentry-mode',
        'loopback',
        '--passphrase',
        '',
        '--export-secret-keys',
        'support@vendor.example',
      ]),
    );
    const usb = path.join(dir, 'usb-secret');
    const bundle = await makeBundle(dir, { payloadBytes: 1024 });
    const config = await writeConfig(dir, {
      targets: { usb: { type: 'folder', path: usb, encryptTo: secret } },
    });
    const r = await runCli(['--config', config, 'submit', bundle, '--target', 'usb'], {
      env: { CASEPACK_DATA_DIR: path.join(dir, 'data-secret') },
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('holds a PRIVATE key');
    expect(existsSync(usb) ? readdirSync(usb) : []).toEqual([]);
  });

  it('says the medium is full, leaves no partial file, and keeps the bundle', async () => {
    const usb = path.join(dir, 'small-usb');
    await mkdir(usb);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'casepack-test-usb', usb]);
    mounts.push(usb);
    const bundle = await makeBundle(dir, { payloadBytes: 2 * 1024 * 1024 });
    const config = await writeConfig(dir, { targets: { usb: { type: 'folder', path: usb } } });
    const r = await runCli(['--config', config, 'submit', bundle, '--target', 'usb'], {
      env: { CASEPACK_DATA_DIR: path.join(dir, 'data-full') },
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`${usb} is full`);
    expect(readdirSync(usb)).toEqual([]);
    expect(existsSync(bundle)).toBe(true);
  });
});
