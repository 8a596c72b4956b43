// What profiles may ask of the host: environment, settings, paths, processes. One object, built
// once per run, so that vars and appliesWhen read the same facts (and tests can give their own).
import { access } from 'node:fs/promises';
import os from 'node:os';
import type { Settings } from '../../common/settings/schema.js';
import { listProcesses, type ProcessInfo } from './proc.js';

export interface HostFacts {
  env: NodeJS.ProcessEnv;
  settings: Settings;
  hostname: string;
  platform: NodeJS.Platform;
  exists(p: string): Promise<boolean>;
  processes(): Promise<ProcessInfo[]>;
}

export function hostFacts(settings: Settings, env: NodeJS.ProcessEnv = process.env): HostFacts {
  let procs: Promise<ProcessInfo[]> | undefined;
  return {
    env,
    settings,
    hostname: os.hostname(),
    platform: process.platform,
    exists: (p) =>
      access(p).then(
        () => true,
        () => false,
      ),
    processes: () => (procs ??= listProcesses()),
  };
}

/** A dotted settings key (`products.igl-server.home`) as a string, if set. */
export function settingAt(settings: Settings, key: string): string | undefined {
  let v: unknown = settings;
  for (const k of key.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}
