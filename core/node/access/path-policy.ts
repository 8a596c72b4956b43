// Every host path the UI sends (a file to attach, a folder to export to or browse, a bundle to
// review) is checked here before it is touched: absolute, resolved through symlinks, inside the
// folders the user allowed, never the data directory (site key, outbox, app secrets) or a secret
// file the settings refer to, and of the right kind. The renderer has no file access of its own.
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CasepackError } from '../../common/errors.js';
import type { Settings } from '../../common/settings/schema.js';

/** System trees nothing in the UI has a reason to read or write. */
const ALWAYS_DENIED = ['/proc', '/sys', '/dev', '/etc/shadow', '/etc/gshadow', '/boot'];

export function inside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** `{ file: PATH }` secret references anywhere in the settings. */
export function secretFiles(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) secretFiles(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'file' && typeof o.file === 'string') out.push(o.file);
    else for (const v of Object.values(o)) secretFiles(v, out);
  }
  return out;
}

async function realOrSelf(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return path.resolve(p);
  }
}

export interface PathPolicyInput {
  settings: Settings;
  dataDir: string;
  /** The data directory's subfolder the UI may read bundles from. */
  bundlesDir: string;
  home?: string;
}

export class PathPolicy {
  private constructor(
    readonly roots: string[],
    private readonly denied: string[],
    private readonly dataDir: string,
    private readonly bundlesDir: string,
  ) {}

  static async create(input: PathPolicyInput): Promise<PathPolicy> {
    const home = input.home ?? os.homedir();
    const configured = input.settings.ui?.allowedPaths;
    const wanted = configured ?? [
      home,
      os.tmpdir(),
      '/tmp',
      '/var/tmp',
      '/media',
      '/mnt',
      '/run/media',
      ...(input.settings.collect?.outDir ? [input.settings.collect.outDir] : []),
    ];
    const roots: string[] = [input.bundlesDir];
    for (const r of wanted) {
      if (!path.isAbsolute(r)) continue;
      try {
        const real = await realpath(r);
        // "/" as a root would make every other check meaningless.
        if (real !== path.parse(real).root && !roots.includes(real)) roots.push(real);
      } catch {
        // a folder that does not exist (no /media here) is simply not offered
      }
    }
    const denied = await Promise.all(
      [
        ...ALWAYS_DENIED,
        path.join(home, '.ssh'),
        path.join(home, '.gnupg'),
        ...secretFiles(input.settings),
      ].map(realOrSelf),
    );
    return new PathPolicy(
      roots,
      denied,
      await realOrSelf(input.dataDir),
      await realOrSelf(input.bundlesDir),
    );
  }

  /** Resolve and check a path; returns its real path. */
  private async resolve(p: string, what: string): Promise<string> {
    if (typeof p !== 'string' || !path.isAbsolute(p) || p.includes('\0'))
      throw new CasepackError('usage', `${what} must be an absolute path`);
    let real: string;
    try {
      real = await realpath(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new CasepackError('not-found', `${p} does not exist`, p);
      throw new CasepackError('permission', `cannot open ${p} (${code})`, p);
    }
    this.assertAllowed(real, p);
    return real;
  }

  assertAllowed(real: string, shown: string = real): void {
    if (!this.roots.some((r) => inside(r, real)))
      throw new CasepackError(
        'permission',
        `${shown} is outside the folders casepack may use (${this.roots.join(', ')}); add its folder to ui.allowedPaths in the settings`,
        shown,
      );
    const inData = inside(this.dataDir, real) && !inside(this.bundlesDir, real);
    if (inData || this.denied.some((d) => inside(d, real)))
      throw new CasepackError('permission', `${shown} is protected and cannot be used here`, shown);
  }

  async readableFile(p: string, what = 'the file'): Promise<string> {
    const real = await this.resolve(p, what);
    const st = await stat(real);
    if (!st.isFile()) throw new CasepackError('usage', `${p} is not a regular file`, p);
    try {
      await access(real, constants.R_OK);
    } catch {
      throw new CasepackError('permission', `${p} cannot be read`, p);
    }
    return real;
  }

  async directory(p: string, opts: { writable?: boolean } = {}): Promise<string> {
    const real = await this.resolve(p, 'the folder');
    if (!(await stat(real)).isDirectory())
      throw new CasepackError('usage', `${p} is not a folder`, p);
    if (opts.writable)
      try {
        await access(real, constants.W_OK);
      } catch {
        throw new CasepackError('permission', `cannot write to ${p}`, p);
      }
    return real;
  }

  /** A file to be written: its folder must be allowed and writable; returns the real target path. */
  async writableFile(p: string): Promise<string> {
    if (typeof p !== 'string' || !path.isAbsolute(p) || p.includes('\0'))
      throw new CasepackError('usage', 'the file must be an absolute path');
    const dir = await this.directory(path.dirname(p), { writable: true });
    const target = path.join(dir, path.basename(p));
    this.assertAllowed(target, p);
    return target;
  }

  /** A bundle to review or send: a readable .zip inside the allowed folders. */
  async bundle(p: string): Promise<string> {
    if (!p.endsWith('.zip'))
      throw new CasepackError('usage', `${p} is not a casepack bundle (.zip)`);
    return this.readableFile(p, 'the bundle');
  }
}
