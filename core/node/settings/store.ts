// Loading and updating the settings file. Updates keep the user's comments and layout (yaml Document API).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { CasepackError } from '../../common/errors.js';
import { settingsSchema, type Settings } from '../../common/settings/schema.js';
import { parseYaml } from '../yaml-file.js';
import { resolveConfigFile } from './paths.js';

export interface LoadedSettings {
  file: string;
  source: 'flag' | 'env' | 'default';
  exists: boolean;
  settings: Settings;
}

export async function loadSettings(configFlag?: string): Promise<LoadedSettings> {
  const { file, source } = resolveConfigFile(configFlag);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A missing per-user default is normal on first use; a file named explicitly must exist.
    if (code === 'ENOENT' && source === 'default')
      return { file, source, exists: false, settings: {} };
    throw new CasepackError(
      'config',
      `cannot read settings file ${file}: ${code === 'ENOENT' ? 'no such file' : code}`,
      file,
    );
  }
  const settings = parseYaml(text, settingsSchema, { file, what: 'settings file' });
  return { file, source, exists: true, settings: settings ?? {} };
}

/**
 * Set one value (e.g. ['contact', 'email']) in the settings file, keeping comments; validates the
 * result before writing and writes atomically. Never pass a secret value here: settings hold references.
 */
export async function updateSettings(
  file: string,
  keyPath: string[],
  value: unknown,
): Promise<Settings> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const doc = parseDocument(text || '{}');
  if (value === undefined) doc.deleteIn(keyPath);
  else doc.setIn(keyPath, value);
  const out = doc.toString();
  const settings = parseYaml(out, settingsSchema, { file, what: 'settings file' });
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, out, { mode: 0o600 });
  await rename(tmp, file);
  return settings;
}
