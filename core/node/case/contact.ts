// Contact details remembered in the settings file (`contact` section), so the intake asks once.
// Written with updateSettings, which keeps the user's comments and layout.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseContact } from '../../common/case/schema.js';
import type { Settings } from '../../common/settings/schema.js';
import { updateSettings } from '../settings/store.js';

/** The fields worth remembering: who the customer is, not who is on call for one P1. */
export const REMEMBERED_CONTACT_KEYS = [
  'name',
  'email',
  'phone',
  'organization',
  'preferredChannel',
  'timeZone',
] as const;

export type RememberedContact = NonNullable<Settings['contact']>;

export function rememberedContact(settings: Settings): RememberedContact {
  return { ...settings.contact };
}

/**
 * Remember the given contact fields (blank ones are left as they were). Returns the contact as now
 * stored. Only the keys that changed are written, so a hand-edited settings file keeps its shape.
 */
export async function rememberContact(
  settingsFile: string,
  current: Settings,
  contact: CaseContact,
): Promise<RememberedContact> {
  const stored: RememberedContact = { ...current.contact };
  await createIfMissing(settingsFile);
  for (const key of REMEMBERED_CONTACT_KEYS) {
    const v = contact[key];
    if (typeof v !== 'string' || v.trim() === '' || stored[key] === v.trim()) continue;
    await updateSettings(settingsFile, ['contact', key], v.trim());
    (stored as Record<string, string>)[key] = v.trim();
  }
  return stored;
}

/** A first settings file starts with a pointer to its documentation (and in block style). */
async function createIfMissing(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, '# casepack settings: see docs/settings.md\n', {
    flag: 'wx',
    mode: 0o600,
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
}
