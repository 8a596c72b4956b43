// Handlers of the app methods (core/common/api/app.ts).
import os from 'node:os';
import { UI_SETTINGS_SECTIONS, type appMethods, type SettingsView } from '../../common/api/app.js';
import type { HandlersOf } from '../../common/api/define.js';
import { NO_SECURE_STORAGE, type secretsMethods } from '../../common/api/secrets.js';
import { CasepackError } from '../../common/errors.js';
import { DraftStore } from '../draft/store.js';
import { updateSettings } from '../settings/store.js';
import { toolVersion } from '../version.js';
import type { HandlerContext } from './context.js';

export function appHandlers(
  ctx: HandlerContext,
): HandlersOf<typeof appMethods & typeof secretsMethods> {
  const { service } = ctx;
  const drafts = new DraftStore(service.dataDir);
  const view = async (): Promise<SettingsView> => {
    const s = await service.reloadSettings();
    return { file: s.file, exists: s.exists, settings: s.settings };
  };
  return {
    async appInfo() {
      const s = await service.settings();
      return {
        version: toolVersion(),
        host: os.hostname(),
        platform: { os: os.type(), release: os.release(), arch: os.arch() },
        settingsFile: s.file,
        dataDir: service.dataDir,
        home: os.homedir(),
        shell: ctx.shell,
      };
    },
    getSettings: view,
    async setSetting({ path: keyPath, value }) {
      const section = keyPath[0] as (typeof UI_SETTINGS_SECTIONS)[number];
      if (!UI_SETTINGS_SECTIONS.includes(section))
        throw new CasepackError(
          'usage',
          `the UI may not change "${keyPath[0]}" (allowed: ${UI_SETTINGS_SECTIONS.join(', ')})`,
        );
      const s = await service.settings();
      await updateSettings(s.file, keyPath, value === null ? undefined : value);
      return view();
    },
    async listAppSecrets() {
      return { available: false, reason: NO_SECURE_STORAGE, names: [] };
    },
    async setAppSecret() {
      throw new CasepackError('usage', NO_SECURE_STORAGE);
    },
    async deleteAppSecret() {
      throw new CasepackError('usage', NO_SECURE_STORAGE);
    },
    getDraft: () => drafts.get(),
    saveDraft: ({ case: c, bundle }) => drafts.save(c, bundle),
  };
}
