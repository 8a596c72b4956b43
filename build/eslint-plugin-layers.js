// The layer rule of DESIGN.md, enforced at error level (after VS Code's code-layering rule).
// Every source file belongs to exactly one zone, decided by its folder; a file in no zone is
// itself an error, so a new folder cannot slip past the rule.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const REACT = /^(react|react-dom)(\/|$)|^@mantine\//;
const ELECTRON = /^electron(\/|$)/;

/** Zones: which folders a file's imports may reach, and which packages are banned. */
export const ZONES = [
  {
    name: 'core/common',
    match: 'core/common/',
    mayImport: ['core/common/'],
    ban: { node: true, electron: true, react: true },
  },
  {
    name: 'core/node',
    match: 'core/node/',
    mayImport: ['core/common/', 'core/node/', 'resources/', 'package.json'],
    ban: { electron: true, react: true },
  },
  {
    name: 'cli',
    match: 'cli/',
    mayImport: ['core/common/', 'core/node/', 'cli/', 'server/', 'package.json'],
    ban: { electron: true, react: true },
  },
  {
    name: 'server',
    match: 'server/',
    mayImport: ['core/common/', 'core/node/', 'server/'],
    ban: { electron: true, react: true },
  },
  {
    name: 'electron/main',
    match: 'electron/main/',
    mayImport: ['core/common/', 'core/node/', 'electron/main/'],
    ban: { react: true },
  },
  {
    name: 'electron/preload',
    match: 'electron/preload/',
    mayImport: ['core/common/api/', 'electron/preload/'],
    ban: { node: true, react: true },
  },
  {
    name: 'renderer',
    match: 'renderer/',
    mayImport: ['core/common/', 'renderer/'],
    ban: { node: true, electron: true },
  },
  {
    // Tests may reach every layer but never load the electron module under plain Node.
    name: 'test',
    match: 'test/',
    mayImport: ['*'],
    ban: { electron: true },
  },
  { name: 'tooling', match: 'scripts/', mayImport: ['*'], ban: { electron: true } },
  { name: 'bin', match: 'bin/', mayImport: ['*'], ban: { electron: true, react: true } },
  { name: 'build', match: 'build/', mayImport: ['*'], ban: {} },
  { name: 'config', match: '', exact: true, mayImport: ['*'], ban: {} },
];

function zoneOf(rel) {
  for (const z of ZONES) {
    if (z.exact) {
      if (!rel.includes('/')) return z;
    } else if (rel.startsWith(z.match)) return z;
  }
  return undefined;
}

const layers = {
  meta: { type: 'problem', schema: [], messages: {} },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const rel = path.relative(root, file).split(path.sep).join('/');
    const zone = zoneOf(rel);
    function check(node, source) {
      if (typeof source !== 'string') return;
      if (!zone) return;
      const bans = zone.ban;
      if (bans.node && NODE_BUILTINS.has(source))
        return context.report({
          node,
          message: `${zone.name} must not import Node built-in '${source}' (DESIGN.md layers)`,
        });
      if (bans.electron && ELECTRON.test(source))
        return context.report({
          node,
          message: `${zone.name} must not import electron (DESIGN.md layers)`,
        });
      if (bans.react && REACT.test(source))
        return context.report({
          node,
          message: `${zone.name} must not import React/DOM UI code (DESIGN.md layers)`,
        });
      if (source.startsWith('.') && !zone.mayImport.includes('*')) {
        const target = path
          .relative(root, path.resolve(path.dirname(file), source))
          .split(path.sep)
          .join('/');
        const ok = zone.mayImport.some((p) => target === p || target.startsWith(p));
        if (!ok)
          context.report({
            node,
            message: `${zone.name} may import only ${zone.mayImport.join(', ')}; '${source}' reaches ${target}`,
          });
      }
    }
    return {
      Program(node) {
        if (!zone)
          context.report({
            node,
            message: `'${rel}' lies in no layer zone: add it to build/eslint-plugin-layers.js`,
          });
      },
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
      CallExpression(n) {
        if (
          n.callee.type === 'Identifier' &&
          n.callee.name === 'require' &&
          n.arguments[0]?.type === 'Literal'
        )
          check(n, n.arguments[0].value);
      },
    };
  },
};

export default { rules: { layers } };
