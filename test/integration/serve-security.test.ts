// `casepack serve` as a browser and an attacker meet it: the real command, real HTTP on 127.0.0.1.
import { request } from 'node:http';
import { createServer } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_CSP } from '../../core/common/csp.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';
import { startServe } from '../contract/transports.js';

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  port: number,
  p: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: p, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          body += d;
          // an event stream never ends: its first bytes are enough
          if (String(res.headers['content-type']).startsWith('text/event-stream')) res.destroy();
        });
        res.on('close', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('casepack serve', () => {
  let s: Awaited<ReturnType<typeof startServe>>;
  let port: number;
  let dir: string;
  const call = (headers: Record<string, string>) =>
    raw(port, '/api/appInfo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: '{}',
    });

  beforeAll(async () => {
    dir = await tempDir();
    const configFile = path.join(dir, 'config.yaml');
    await writeFile(configFile, '');
    s = await startServe({ configFile, dataDir: path.join(dir, 'data') });
    port = Number(s.url.port);
  });
  afterAll(() => s?.stop());

  it('prints one JSON line with a loopback URL carrying a token, and exchanged it for a cookie', () => {
    expect(s.url.hostname).toBe('127.0.0.1');
    expect(s.url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(s.cookie).toMatch(new RegExp(`^casepack_${port}=[A-Za-z0-9_-]{32,}$`));
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, and the token works only once', async () => {
    expect(s.firstStatus).toBe(200);
    expect(s.setCookie).toMatch(/; HttpOnly/);
    expect(s.setCookie).toMatch(/; SameSite=Strict/);
    expect(s.setCookie).toMatch(/; Path=\//);
    // startServe already used the token; a second use is refused with a clear message.
    const again = await raw(port, `/${s.url.search}`);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/already been used/);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('answers 401 to every request without the token or the cookie', async () => {
    for (const p of ['/', '/index.html', '/api/events', '/?token=wrong'])
      expect((await raw(port, p)).status).toBe(401);
    expect((await call({})).status).toBe(401);
    expect((await call({ Cookie: `casepack_${port}=forged` })).status).toBe(401);
    const ok = await call({ Cookie: s.cookie });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, result: { shell: 'browser' } });
  });

  it('answers 403 to a foreign Host (DNS rebinding), even with the cookie', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`, 'evil.example'])
      expect((await call({ Cookie: s.cookie, Host: host })).status).toBe(403);
    expect((await raw(port, '/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    // Loopback names are fine, with any port (an SSH tunnel changes the port).
    expect((await call({ Cookie: s.cookie, Host: 'localhost:9000' })).status).toBe(200);
  });

  it('answers 403 to a foreign Origin or a cross-site fetch', async () => {
    const cookie = s.cookie;
    expect((await call({ Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call({ Cookie: cookie, Origin: `http://localhost:${port}` })).status).toBe(403);
    expect((await call({ Cookie: cookie, Origin: 'null' })).status).toBe(403);
    expect((await call({ Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await call({ Cookie: cookie, Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });

  it('accepts API calls only as JSON POSTs', async () => {
    const form = await raw(port, '/api/appInfo', {
      method: 'POST',
      headers: { Cookie: s.cookie, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(400);
    expect((await raw(port, '/api/appInfo', { headers: { Cookie: s.cookie } })).status).toBe(405);
    const unknown = await raw(port, '/api/rm', {
      method: 'POST',
      headers: { Cookie: s.cookie, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error).toEqual({
      code: 'usage',
      message: 'unknown API method "rm"',
    });
  });

  it('sends the CSP as a header on pages and API replies, and serves the UI', async () => {
    const page = await raw(port, '/', { headers: { Cookie: s.cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toBe(UI_CSP);
    expect(UI_CSP).toContain("script-src 'self'");
    expect(UI_CSP).not.toMatch(/unsafe-eval/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await call({ Cookie: s.cookie })).headers['content-security-policy']).toBe(UI_CSP);
  });

  it('never serves a file outside the renderer folder', async () => {
    const attempts = [
      '/../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/%2fetc%2fpasswd',
      '//etc/passwd',
      '/assets/%00.js',
      '/%E0%A4%A.js',
    ];
    for (const p of attempts) {
      const r = await raw(port, p, { headers: { Cookie: s.cookie } });
      expect(r.body, p).not.toMatch(/"name": "casepack"|root:x:0:0/);
      expect([200, 404], p).toContain(r.status);
      // a client route falls back to the app's own page, nothing else
      if (r.status === 200) expect(r.body, p).toContain('<div id="root">');
    }
  });

  it('streams events to a signed-in page as server-sent events', async () => {
    const r = await raw(port, '/api/events', { headers: { Cookie: s.cookie } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(r.body).toMatch(/^: casepack events/);
  });
});

describe('casepack serve options', () => {
  it('says clearly when the port asked for is taken', async () => {
    const dir = await tempDir();
    const cfg = path.join(dir, 'c.yaml');
    await writeFile(cfg, '');
    const blocker = createServer();
    await new Promise<void>((res) => blocker.listen(0, '127.0.0.1', res));
    const taken = (blocker.address() as { port: number }).port;
    const r2 = await runCli(['--config', cfg, 'serve', '--port', String(taken), '--json']);
    blocker.close();
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`port ${taken} is already in use`);
    expect(JSON.parse(r2.stdout)).toEqual({
      error: { code: 'usage', message: expect.any(String) },
    });
  });
});

describe('casepack serve --port', () => {
  it('listens on the port asked for', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const free = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const dir = await tempDir();
    const configFile = path.join(dir, 'c.yaml');
    await writeFile(configFile, '');
    const s = await startServe({ configFile, dataDir: path.join(dir, 'data') }, [
      '--port',
      String(free),
    ]);
    try {
      expect(s.url.port).toBe(String(free));
      expect(s.firstStatus).toBe(200);
    } finally {
      await s.stop();
    }
  });
});
