// Networks as customers have them: RT reached through a proxy, over TLS signed by a company CA;
// certificate checks on unless turned off explicitly (and then loudly). The ticket is always
// checked in RT itself.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliJson } from '../support/cli.js';
import {
  makeCertificates,
  startForwardProxy,
  startTlsFront,
  TEST_HOST_NAME,
  type ForwardProxy,
} from '../support/http-servers.js';
import { tempDir } from '../support/tmp.js';
import {
  makeBundle,
  rt,
  rtTarget,
  sampleCase,
  ticketsWithSubject,
  unique,
  writeConfig,
} from '../support/submit-env.js';

let dir: string;
let proxy: ForwardProxy;
let tls: { url: string; close(): Promise<void> };
let caFile: string;

beforeAll(async () => {
  dir = await tempDir('casepack-net-');
  const certDir = path.join(dir, 'certs');
  await mkdir(certDir);
  const certs = makeCertificates(certDir);
  caFile = certs.caFile;
  proxy = await startForwardProxy({ hosts: { [TEST_HOST_NAME]: '127.0.0.1' } });
  tls = await startTlsFront(certs, { host: '127.0.0.1', port: rt().port });
});

afterAll(async () => {
  await proxy?.close();
  await tls?.close();
});

async function submit(
  label: string,
  target: Record<string, unknown>,
  env: Record<string, string> = {},
  network: Record<string, unknown> = {},
) {
  const summary = unique(label);
  const bundle = await makeBundle(dir, { payloadBytes: 4096, case: sampleCase(summary) });
  const config = await writeConfig(dir, { network, targets: { rt: rtTarget(target) } });
  const r = await runCliJson<{ status: string; caseNumber?: string; error?: { message: string } }>(
    ['--config', config, 'submit', bundle, '--target', 'rt'],
    {
      env: { CASEPACK_DATA_DIR: path.join(dir, `data-${summary.replace(/\W+/g, '-')}`), ...env },
    },
  );
  return { r, summary };
}

describe('networks between casepack and the case system', () => {
  it('goes through the proxy the target names, and the ticket is opened', async () => {
    const before = proxy.seen.length;
    const { r, summary } = await submit('via proxy', { proxy: proxy.url });
    expect(r.code, r.stderr).toBe(0);
    const asked = proxy.seen.slice(before);
    expect(asked).toContain(`POST ${rt().url}/REST/2.0/ticket`);
    expect(await ticketsWithSubject(summary)).toEqual([r.json.caseNumber]);
  });

  it('refuses a certificate from an unknown CA, naming the fix, and opens nothing', async () => {
    const { r, summary } = await submit('unknown CA', { url: tls.url });
    expect(r.code).toBe(5);
    expect(r.json.error?.message).toContain(`cannot trust the TLS certificate of RT at ${tls.url}`);
    expect(r.json.error?.message).toContain('caFile');
    expect(await ticketsWithSubject(summary)).toEqual([]);
  });

  it('trusts the company CA given as caFile, through a CONNECT proxy', async () => {
    const before = proxy.seen.length;
    const { r, summary } = await submit('company CA', { url: tls.url, caFile, proxy: proxy.url });
    expect(r.code, r.stderr).toBe(0);
    const port = new URL(tls.url).port;
    // Through the tunnel the proxy sees only where, never the request (or its token).
    expect(proxy.seen.slice(before)).toEqual(expect.arrayContaining([`CONNECT 127.0.0.1:${port}`]));
    expect(proxy.seen.slice(before).some((s) => s.startsWith('POST'))).toBe(false);
    expect(await ticketsWithSubject(summary)).toEqual([r.json.caseNumber]);
  });

  it('turns certificate checks off only when told, and says so loudly', async () => {
    const { r, summary } = await submit('insecure', { url: tls.url, insecureSkipTlsVerify: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`TLS CERTIFICATE CHECKS ARE OFF for ${tls.url}`);
    expect(await ticketsWithSubject(summary)).toHaveLength(1);
  });

  it('takes HTTPS_PROXY from the environment, for a name only the proxy can resolve', async () => {
    const before = proxy.seen.length;
    const port = new URL(tls.url).port;
    const url = `https://${TEST_HOST_NAME}:${port}`;
    const { r, summary } = await submit(
      'env proxy',
      { url, caFile },
      { HTTPS_PROXY: proxy.url, NO_PROXY: '', https_proxy: '', no_proxy: '' },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(proxy.seen.slice(before)).toContain(`CONNECT ${TEST_HOST_NAME}:${port}`);
    expect(await ticketsWithSubject(summary)).toEqual([r.json.caseNumber]);
  });

  it('goes direct for a host NO_PROXY names, bypassing HTTPS_PROXY', async () => {
    const before = proxy.seen.length;
    const url = `https://${TEST_HOST_NAME}:${new URL(tls.url).port}`;
    const { r, summary } = await submit(
      'no proxy',
      { url, caFile },
      { HTTPS_PROXY: proxy.url, NO_PROXY: `.casepack.test`, https_proxy: '', no_proxy: '' },
      { retry: { initialDelay: '200ms', maxDelay: '500ms', window: '2s' } },
    );
    // This machine cannot resolve the name: only the proxy could have reached it.
    expect(r.code).toBe(5);
    expect(r.json.error?.message).toContain(TEST_HOST_NAME);
    expect(proxy.seen.slice(before)).toEqual([]);
    expect(await ticketsWithSubject(summary)).toEqual([]);
  });
});
