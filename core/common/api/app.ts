// API methods of the app itself: who and where casepack is, the settings file, the case draft the
// UI keeps between sessions.
import { z } from 'zod';
import type { Settings } from '../settings/schema.js';
import { method } from './define.js';

/** The settings sections the UI may edit (the CLI edits the same file). */
export const UI_SETTINGS_SECTIONS = [
  'contact',
  'targets',
  'defaultTarget',
  'redaction',
  'network',
  'collect',
  'ui',
] as const;
export type UiSettingsSection = (typeof UI_SETTINGS_SECTIONS)[number];

export interface AppInfo {
  version: string;
  /** The host casepack runs on (the server, in browser mode). */
  host: string;
  platform: { os: string; release: string; arch: string };
  settingsFile: string;
  dataDir: string;
  /** Where the folder browser starts. */
  home: string;
  /** How the UI reaches casepack: the desktop app or `casepack serve`. */
  shell: 'desktop' | 'browser' | 'direct';
}

export interface SettingsView {
  file: string;
  exists: boolean;
  settings: Settings;
}

/** What the UI keeps of the case being written: restored when the window is opened again. */
export interface CaseDraft {
  case: Record<string, unknown>;
  /** The bundle built for this case, being reviewed or sent. */
  bundle?: string;
  updatedAt?: string;
}

const empty = z.strictObject({});

export const appMethods = {
  appInfo: method(
    empty,
    'Version, host, platform and where settings and data live.',
  ).returns<AppInfo>(),
  getSettings: method(empty, 'The settings file in use and its content.').returns<SettingsView>(),
  setSetting: method(
    z.strictObject({
      /** Key path, e.g. ["contact", "email"]; the first key must be a UI-editable section. */
      path: z.array(z.string().min(1).max(200)).min(1).max(8),
      /** The new value; `null` removes the key. Secrets are references ({ env } or { file }). */
      value: z.unknown(),
    }),
    'Set one value in the settings file (validated, comments kept).',
  ).returns<SettingsView>(),
  getDraft: method(
    empty,
    'The case draft saved by the UI (empty on first use).',
  ).returns<CaseDraft>(),
  saveDraft: method(
    z.strictObject({
      case: z.record(z.string(), z.unknown()),
      bundle: z.string().min(1).max(4096).optional(),
    }),
    'Save the case draft (kept in the data directory).',
  ).returns<CaseDraft>(),
};
