// The service's redaction methods, kept here so service.ts stays a thin index of subsystems.
import type { ScrubArgs } from '../../common/api/redaction.js';
import type { CasepackService } from '../service.js';
import { resolveRedaction } from './config.js';
import { scrubDirectory, type ScrubResult } from './scrub.js';
import { createRedactionSession } from './session.js';

export async function runScrub(svc: CasepackService, args: ScrubArgs): Promise<ScrubResult> {
  const { settings } = await svc.settings();
  const resolved = await resolveRedaction(settings, { pseudonymize: args.pseudonymize });
  const session = createRedactionSession({
    custom: resolved.options.rules,
    keep: resolved.options.keep,
    disable: resolved.options.disable,
  });
  return scrubDirectory(args.inDir, args.outDir, session);
}
