// The three ways the UI reaches casepack, each started fresh for the contract suite:
// direct (in-process, as the CLI), HTTP (the real `casepack serve` command as a child process,
// with its cookie session) and Electron IPC (the built preload over the paired stand-in).
import { spawn, type ChildProcess } from 'node:child_process';
import { EventSource } from 'eventsource';
import { createClient, type CasepackClient } from '../../core/common/api/client.js';
import { directClient } from '../../core/node/api/direct.js';
import { createApiHost } from '../../core/node/api/handlers.js';
import { CasepackService } from '../../core/node/service.js';
import { forwardEvents, registerApi } from '../../electron/main/ipc-adapter.js';
import { isTrustedSender } from '../../electron/main/trusted-sender.js';
import { httpTransport } from '../../renderer/src/api/http-transport.js';
import { ipcTransport, type PreloadBridge } from '../../renderer/src/api/ipc-transport.js';
import { binPath } from '../support/paths.js';
import { ipcPair, runPreload } from '../support/ipc-pair.js';
import { ensureUiBuilt, preloadBundle } from '../support/ui-build.js';

export interface Started {
  client: CasepackClient;
  close(): Promise<void>;
}

export interface Env {
  configFile: string;
  dataDir: string;
  /** Extra environment for the host side (e.g. DISPLAY). */
  env?: NodeJS.ProcessEnv;
}

export interface Transport {
  name: 'direct' | 'http' | 'ipc';
  start(env: Env): Promise<Started>;
}

function inProcessService(env: Env): CasepackService {
  return new CasepackService({ configFile: env.configFile, dataDir: env.dataDir });
}

export const direct: Transport = {
  name: 'direct',
  async start(env) {
    const host = createApiHost(inProcessService(env), 'direct', {}, env.env);
    return { client: directClient(host), close: async () => {} };
  },
};

export const ipc: Transport = {
  name: 'ipc',
  async start(env) {
    ensureUiBuilt();
    const pair = ipcPair();
    const host = createApiHost(inProcessService(env), 'desktop', {}, env.env);
    const unregister = registerApi(pair.ipcMain, host, (e) => isTrustedSender(e, new Set([1])));
    const stopEvents = forwardEvents(host, () => [pair.sender]);
    runPreload(preloadBundle, pair, { contextIsolated: true });
    const client = createClient(ipcTransport(pair.world as unknown as PreloadBridge));
    return {
      client,
      close: async () => {
        stopEvents();
        unregister();
      },
    };
  },
};

/** Start `casepack serve --json` and sign in with its one-time link, as a browser would. */
export async function startServe(
  env: Env,
  extraArgs: string[] = [],
): Promise<{
  child: ChildProcess;
  url: URL;
  cookie: string;
  setCookie: string;
  firstStatus: number;
  stop(): Promise<void>;
}> {
  ensureUiBuilt();
  const child = spawn(
    process.execPath,
    [binPath, '--config', env.configFile, 'serve', '--json', ...extraArgs],
    {
      env: { ...process.env, CASEPACK_DATA_DIR: env.dataDir, ...env.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const line: string = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`casepack serve exited (${code}): ${err}`)));
  });
  const url = new URL((JSON.parse(line) as { url: string }).url);
  const res = await fetch(url, { redirect: 'manual' });
  const setCookie = res.headers.get('set-cookie') ?? '';
  await res.arrayBuffer();
  const cookie = setCookie.split(';')[0]!;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, url, cookie, setCookie, firstStatus: res.status, stop };
}

export const http: Transport = {
  name: 'http',
  async start(env) {
    const s = await startServe(env);
    const withCookie = (init: RequestInit = {}): RequestInit => ({
      ...init,
      headers: { ...(init.headers as Record<string, string>), Cookie: s.cookie },
    });
    const client = createClient(
      httpTransport({
        base: s.url.origin,
        fetch: (input, init) => fetch(input, withCookie(init)),
        EventSource: class extends EventSource {
          constructor(url: string) {
            super(url, { fetch: (u, init) => fetch(u, withCookie(init as RequestInit)) });
          }
        } as unknown as new (url: string) => globalThis.EventSource,
      }),
    );
    return { client, close: s.stop };
  },
};

export const TRANSPORTS: Transport[] = [direct, http, ipc];
