// The outbox as a user meets it: jobs that wait, are retried, cancelled, resumed by submitting
// again, and refused when the bundle or the case is not fit to send.
import { appendFileSync, existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';
import {
  freePort,
  makeBundle,
  sampleCase,
  sftpFolder,
  sftpTarget,
  sha256File,
  writeConfig,
} from '../support/submit-env.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('casepack-outbox-');
});

interface Job {
  id: string;
  status: string;
  lastError?: { message: string };
}

/** An SFTP target on a port where nothing listens: every attempt fails with "refused". */
async function deadTarget() {
  const folder = await sftpFolder('outbox');
  return { folder, target: sftpTarget(folder.remote, { port: await freePort() }) };
}

describe('the outbox', () => {
  it('keeps a job that could not be sent, and delivers it when the same bundle is submitted again', async () => {
    const { folder, target } = await deadTarget();
    const bundle = await makeBundle(dir, { payloadBytes: 100 * 1024 });
    const env = { CASEPACK_DATA_DIR: path.join(dir, 'data-again') };
    const noWait = await writeConfig(dir, {
      network: { retry: { window: '0s' } },
      targets: { drop: target },
    });
    const first = await runCliJson<{ status: string; jobId: string }>(
      ['--config', noWait, 'submit', bundle, '--target', 'drop'],
      { env },
    );
    expect(first.code).toBe(5);
    expect(first.json.status).toBe('queued');
    expect(first.stderr).toContain('stays in the outbox');
    const list = await runCliJson<{ jobs: Job[] }>(['--config', noWait, 'outbox'], { env });
    expect(list.json.jobs).toMatchObject([{ id: first.json.jobId, status: 'queued' }]);
    expect(list.json.jobs[0]!.lastError!.message).toMatch(/refused the connection/);

    const fixed = await writeConfig(dir, {
      targets: { drop: { ...target, port: sftpTarget('/').port } },
    });
    const again = await runCliJson<{ status: string; jobId: string }>(
      ['--config', fixed, 'submit', bundle, '--target', 'drop'],
      { env },
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.json.jobId).toBe(first.json.jobId);
    expect(await sha256File(path.join(folder.local, path.basename(bundle)))).toBe(
      await sha256File(bundle),
    );
    expect(
      (await runCliJson<{ jobs: Job[] }>(['--config', fixed, 'outbox'], { env })).json.jobs,
    ).toEqual([]);
  });

  it('refuses to send a bundle that changed after it was queued', async () => {
    const { folder, target } = await deadTarget();
    const bundle = await makeBundle(dir, { payloadBytes: 100 * 1024 });
    const env = { CASEPACK_DATA_DIR: path.join(dir, 'data-changed') };
    const noWait = await writeConfig(dir, {
      network: { retry: { window: '0s' } },
      targets: { drop: target },
    });
    expect(
      (await runCli(['--config', noWait, 'submit', bundle, '--target', 'drop'], { env })).code,
    ).toBe(5);
    appendFileSync(bundle, 'tampered');
    const fixed = await writeConfig(dir, {
      targets: { drop: { ...target, port: sftpTarget('/').port } },
    });
    const r = await runCliJson<{ results: Array<{ status: string; error: { message: string } }> }>(
      ['--config', fixed, 'outbox', 'retry'],
      { env },
    );
    expect(r.code).toBe(5);
    expect(r.json.results[0]).toMatchObject({ status: 'failed' });
    expect(r.json.results[0]!.error.message).toContain('changed after it was queued');
    expect(readdirSync(folder.local)).toEqual([]);
  });

  it('cancels a queued job and keeps the bundle', async () => {
    const { target } = await deadTarget();
    const bundle = await makeBundle(dir, { payloadBytes: 1024 });
    const env = { CASEPACK_DATA_DIR: path.join(dir, 'data-cancel') };
    const config = await writeConfig(dir, {
      network: { retry: { window: '0s' } },
      targets: { drop: target },
    });
    const first = await runCliJson<{ jobId: string }>(
      ['--config', config, 'submit', bundle, '--target', 'drop'],
      { env },
    );
    const c = await runCli(['--config', config, 'outbox', 'cancel', first.json.jobId], { env });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain(`the bundle stays at ${bundle}`);
    expect(
      (await runCliJson<{ jobs: Job[] }>(['--config', config, 'outbox'], { env })).json.jobs,
    ).toEqual([]);
    const all = await runCliJson<{ jobs: Job[] }>(['--config', config, 'outbox', 'list', '--all'], {
      env,
    });
    expect(all.json.jobs).toMatchObject([{ id: first.json.jobId, status: 'cancelled' }]);
    expect(existsSync(bundle)).toBe(true);
  });

  it('refuses an incomplete case, naming what is missing, and sends nothing', async () => {
    const usb = path.join(dir, 'usb-incomplete');
    const bundle = await makeBundle(dir, { payloadBytes: 1024 });
    const {
      stepsToReproduce: _s,
      expected: _e,
      actual: _a,
      ...incomplete
    } = sampleCase('incomplete');
    const caseFile = path.join(dir, 'incomplete.yaml');
    await writeFile(caseFile, stringify(incomplete));
    const config = await writeConfig(dir, { targets: { usb: { type: 'folder', path: usb } } });
    const r = await runCliJson<{ status: string; error: { message: string } }>(
      ['--config', config, 'submit', bundle, '--target', 'usb', '--case-file', caseFile],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-incomplete') } },
    );
    expect(r.code).toBe(1);
    expect(r.json.status).toBe('refused');
    expect(r.json.error.message).toContain('stepsToReproduce');
    expect(existsSync(usb)).toBe(false);
  });

  it('refuses a file that is not a casepack bundle', async () => {
    const notBundle = path.join(dir, 'notes.zip');
    await writeFile(notBundle, 'not a zip');
    const config = await writeConfig(dir, {
      targets: { usb: { type: 'folder', path: path.join(dir, 'usb-nb') } },
    });
    const r = await runCli(['--config', config, 'submit', notBundle, '--target', 'usb'], {
      env: { CASEPACK_DATA_DIR: path.join(dir, 'data-nb') },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a readable zip bundle');
  });

  it('names the configured targets when the one asked for does not exist', async () => {
    const bundle = await makeBundle(dir, { payloadBytes: 1024 });
    const config = await writeConfig(dir, {
      targets: { usb: { type: 'folder', path: path.join(dir, 'x') } },
    });
    const r = await runCli(['--config', config, 'submit', bundle, '--target', 'vendor'], {
      env: { CASEPACK_DATA_DIR: path.join(dir, 'data-nt') },
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('no target named "vendor"');
    expect(r.stderr).toContain('configured: usb');
  });
});
