// Where casepack keeps its settings and data on each platform.
import os from 'node:os';
import path from 'node:path';

export interface PathEnv {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/** The per-user settings file: XDG config dir on Linux, Application Support on macOS, %APPDATA% on Windows. */
export function defaultConfigFile(p: PathEnv = {}): string {
  const env = p.env ?? process.env;
  const platform = p.platform ?? process.platform;
  const home = p.home ?? os.homedir();
  if (platform === 'win32')
    return path.win32.join(
      env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'),
      'casepack',
      'config.yaml',
    );
  if (platform === 'darwin')
    return path.posix.join(home, 'Library', 'Application Support', 'casepack', 'config.yaml');
  const base =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(home, '.config');
  return path.join(base, 'casepack', 'config.yaml');
}

/** `--config FILE`, else `CASEPACK_CONFIG`, else the per-user default. */
export function resolveConfigFile(
  flag: string | undefined,
  p: PathEnv = {},
): { file: string; source: 'flag' | 'env' | 'default' } {
  const env = p.env ?? process.env;
  if (flag) return { file: path.resolve(flag), source: 'flag' };
  if (env.CASEPACK_CONFIG) return { file: path.resolve(env.CASEPACK_CONFIG), source: 'env' };
  return { file: defaultConfigFile(p), source: 'default' };
}

/** Per-user data (site key, baselines, outbox, history): `CASEPACK_DATA_DIR`, else the platform's data dir. */
export function defaultDataDir(p: PathEnv = {}): string {
  const env = p.env ?? process.env;
  const platform = p.platform ?? process.platform;
  const home = p.home ?? os.homedir();
  if (env.CASEPACK_DATA_DIR) return path.resolve(env.CASEPACK_DATA_DIR);
  if (platform === 'win32')
    return path.win32.join(
      env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local'),
      'casepack',
    );
  if (platform === 'darwin')
    return path.posix.join(home, 'Library', 'Application Support', 'casepack', 'data');
  const base =
    env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.join(home, '.local', 'share');
  return path.join(base, 'casepack');
}
