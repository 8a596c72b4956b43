// `npm run build` builds the desktop app's three bundles here (no Electron binary needed):
// out/main (ESM, dependencies from node_modules), out/preload/index.cjs (one CommonJS file with
// nothing external but electron, so the sandbox can stay on) and out/renderer (also served by
// `casepack serve`).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      sourcemap: false,
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      sourcemap: false,
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: '/',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      sourcemap: false,
      chunkSizeWarningLimit: 2048,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
