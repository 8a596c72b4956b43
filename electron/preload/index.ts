// The desktop window's only bridge to casepack: exactly the API's methods (each resolves to a wire
// reply) and one event subscription. Bundled to one CommonJS file so that the sandbox stays on.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHOD_NAMES } from '../../core/common/api/method-names.js';
import { IPC_EVENT_CHANNEL, ipcChannel } from '../../core/common/api/wire.js';

// Without context isolation the page could reach ipcRenderer through this script's objects.
if (!process.contextIsolated)
  throw new Error('casepack: the preload refuses to run without context isolation');

const methods: Record<string, (arg: unknown) => Promise<unknown>> = {};
for (const name of API_METHOD_NAMES)
  methods[name] = (arg: unknown) => ipcRenderer.invoke(ipcChannel(name), arg);

contextBridge.exposeInMainWorld('casepack', methods);
contextBridge.exposeInMainWorld('casepackEvents', {
  subscribe(fn: (name: string, payload: unknown) => void): () => void {
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => fn(name, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener);
  },
});
