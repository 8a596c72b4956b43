// What every handler module gets: the service, which front end the UI runs in, and the path
// policy (built from the current settings on each use, so an edit applies at once).
import path from 'node:path';
import type { AppInfo } from '../../common/api/app.js';
import { PathPolicy } from '../access/path-policy.js';
import type { CasepackService } from '../service.js';

export interface HandlerContext {
  service: CasepackService;
  shell: AppInfo['shell'];
  pathPolicy(): Promise<PathPolicy>;
  /** Where bundles built from the UI go when settings name no collect.outDir. */
  bundlesDir: string;
  /** The environment of the host process (DISPLAY for screenshots). */
  env: NodeJS.ProcessEnv;
}

export function handlerContext(
  service: CasepackService,
  shell: AppInfo['shell'],
  env: NodeJS.ProcessEnv = process.env,
): HandlerContext {
  const bundlesDir = path.join(service.dataDir, 'bundles');
  return {
    service,
    shell,
    bundlesDir,
    env,
    async pathPolicy() {
      const s = await service.settings();
      return PathPolicy.create({ settings: s.settings, dataDir: service.dataDir, bundlesDir });
    },
  };
}
