// electron-builder configuration: Linux (AppImage, deb, rpm), Windows (NSIS), macOS (dmg), with
// Electron's fuses set at packaging (docs/desktop.md). `npm run dist` uses it; the packaging smoke
// test (test/integration/packaging.test.ts) builds `--linux dir` from it with a stub Electron.

/** Fuses flipped in the packaged binary: no Node mode, no NODE_OPTIONS, no inspector, asar only. */
export const FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

/** What goes into app.asar: the three bundles, shipped resources, package.json. No sources, tests, maps. */
export const FILES = [
  'out/main/**',
  'out/preload/**',
  'out/renderer/**',
  'resources/**',
  'package.json',
  '!**/*.map',
  '!**/*.ts',
  '!**/*.tsx',
  '!**/{test,tests,__tests__}/**',
  '!**/*.{md,markdown}',
  '!**/{.github,.vscode,docs,example,examples}/**',
];

export default {
  appId: 'com.casepack.desktop',
  productName: 'casepack',
  executableName: 'casepack',
  copyright: 'casepack authors',
  directories: { output: 'release', buildResources: 'build/resources' },
  files: FILES,
  asar: true,
  electronFuses: FUSES,
  // Native modules of ssh2 are optional (it falls back to JS crypto); nothing to rebuild.
  npmRebuild: false,
  linux: {
    target: ['AppImage', 'deb', 'rpm'],
    category: 'Utility',
    synopsis: 'Turn a problem on a server into a support case',
    maintainer: 'casepack authors <casepack@example.com>',
  },
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1'] },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.utilities',
    hardenedRuntime: true,
  },
};
