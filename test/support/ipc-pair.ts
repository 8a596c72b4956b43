// The one stand-in allowed in the test suite (issue #6): a paired in-process ipcMain / ipcRenderer /
// contextBridge, because no Electron binary can run here. Arguments and results cross it as
// Electron's IPC does (structured clone), and the built preload bundle runs against it in a fresh
// V8 context, as it would in a sandboxed renderer.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

interface InvokeEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: null };
}
type Handler = (e: InvokeEvent, arg: unknown) => Promise<unknown>;
type RendererListener = (e: unknown, ...args: unknown[]) => void;

export interface FakeSender {
  id: number;
  frameUrl: string;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export function ipcPair(frameUrl = 'casepack://app/index.html') {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<RendererListener>>();
  const world: Record<string, unknown> = {};
  const sender: FakeSender = {
    id: 1,
    frameUrl,
    isDestroyed: () => false,
    send(channel, ...args) {
      for (const fn of listeners.get(channel) ?? []) fn({}, ...structuredClone(args));
    },
  };
  const ipcMain = {
    handle(channel: string, fn: Handler) {
      if (handlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, fn);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]) {
      const h = handlers.get(channel);
      if (!h) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      const event: InvokeEvent = {
        sender: { id: sender.id },
        senderFrame: { url: sender.frameUrl, parent: null },
      };
      return structuredClone(await h(event, ...(structuredClone(args) as [unknown])));
    },
    on(channel: string, fn: RendererListener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(fn);
    },
    removeListener(channel: string, fn: RendererListener) {
      listeners.get(channel)?.delete(fn);
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in world)
        throw new Error(`Cannot bind an API on top of an existing property "${key}"`);
      world[key] = api;
    },
  };
  return { ipcMain, ipcRenderer, contextBridge, world, sender, handlers };
}

/** Run a built preload bundle the way a sandboxed renderer does: `require('electron')` only. */
export function runPreload(
  file: string,
  pair: ReturnType<typeof ipcPair>,
  opts: { contextIsolated: boolean },
): void {
  const code = readFileSync(file, 'utf8');
  const requires: string[] = [];
  const module = { exports: {} };
  const sandbox = {
    module,
    exports: module.exports,
    process: { contextIsolated: opts.contextIsolated, sandboxed: true },
    require(name: string) {
      requires.push(name);
      if (name === 'electron')
        return { contextBridge: pair.contextBridge, ipcRenderer: pair.ipcRenderer };
      throw new Error(`module not found: ${name} (a sandboxed preload can only require electron)`);
    },
  };
  vm.runInNewContext(code, sandbox, { filename: file });
}
