// From `casepack collect` to the case system and back: the bundle RT holds is the one collected,
// and `casepack verify` accepts what the vendor downloads. A bundle changed after it was written
// never leaves the machine.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';
import {
  attachmentBytes,
  collectBundle,
  makeBundle,
  rtTarget,
  sampleCase,
  sha256File,
  ticketAttachments,
  ticketsWithSubject,
  unique,
  writeConfig,
} from '../support/submit-env.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('casepack-e2e-');
});

describe('collect, submit, and what the vendor receives', () => {
  it('opens an RT ticket whose attachment casepack verify accepts', async () => {
    const bundle = await collectBundle(dir);
    const summary = unique('Collected and submitted');
    const caseFile = path.join(dir, 'case.yaml');
    await writeFile(caseFile, stringify(sampleCase(summary)));
    const config = await writeConfig(dir, { targets: { 'vendor-rt': rtTarget() } });
    const r = await runCliJson<{ status: string; caseNumber: string }>(
      ['--config', config, 'submit', bundle, '--target', 'vendor-rt', '--case-file', caseFile],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-e2e') } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(await ticketsWithSubject(summary)).toEqual([r.json.caseNumber]);
    const att = (await ticketAttachments(r.json.caseNumber)).find(
      (a) => a.Filename === path.basename(bundle),
    );
    const downloaded = path.join(dir, 'downloaded', path.basename(bundle));
    await mkdir(path.dirname(downloaded));
    await writeFile(downloaded, await attachmentBytes(att!.id));
    expect(await sha256File(downloaded)).toBe(await sha256File(bundle));
    const v = await runCli(['verify', downloaded]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
  });

  it('refuses a bundle modified after it was written, and sends nothing', async () => {
    const bundle = await collectBundle(dir);
    // Change one entry the way a careless hand would: extract, edit, put back (a valid zip).
    const work = path.join(dir, 'tamper');
    await mkdir(work);
    const entry = execFileSync('unzip', ['-Z1', bundle])
      .toString()
      .split('\n')
      .find((n) => n.endsWith('app.conf'))!;
    execFileSync('unzip', ['-q', bundle, entry, '-d', work]);
    await writeFile(
      path.join(work, entry),
      (await readFile(path.join(work, entry), 'utf8')) + 'debug = true\n',
    );
    execFileSync('zip', ['-q', bundle, entry], { cwd: work });
    expect((await runCli(['verify', bundle])).code).toBe(1);

    const usb = path.join(dir, 'usb-tampered');
    const caseFile = path.join(dir, 'case-t.yaml');
    await writeFile(caseFile, stringify(sampleCase('tampered')));
    const config = await writeConfig(dir, { targets: { usb: { type: 'folder', path: usb } } });
    const r = await runCliJson<{ status: string; error: { code: string; message: string } }>(
      ['--config', config, 'submit', bundle, '--target', 'usb', '--case-file', caseFile],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-tampered') } },
    );
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ status: 'refused', error: { code: 'verify' } });
    expect(r.json.error.message).toContain(`${entry}:`);
    expect(r.json.error.message).toContain('nothing was sent');
    expect(existsSync(usb) ? readdirSync(usb) : []).toEqual([]);
  });

  it('refuses a bundle in which the leak check still finds a secret, without repeating it', async () => {
    const bundle = await makeBundle(dir, {
      payloadBytes: 1024,
      texts: {
        'config/app.properties': 'db.url=jdbc:postgresql://db/app\ndb.password=Sup3rS3cretValue!\n',
      },
    });
    const usb = path.join(dir, 'usb-leak');
    const config = await writeConfig(dir, { targets: { usb: { type: 'folder', path: usb } } });
    const r = await runCliJson<{ status: string; error: { code: string; message: string } }>(
      ['--config', config, 'submit', bundle, '--target', 'usb'],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-leak') } },
    );
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ status: 'refused', error: { code: 'leak' } });
    expect(r.json.error.message).toContain('config/app.properties:2');
    expect(r.stdout + r.stderr).not.toContain('Sup3rS3cretValue');
    expect(existsSync(usb) ? readdirSync(usb) : []).toEqual([]);
  });
});
