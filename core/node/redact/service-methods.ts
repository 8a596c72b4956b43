// The service's redaction methods, kept here so service.ts stays a thin index of subsystems.
import type {
  PseudonymLookupArgs,
  PseudonymLookupReply,
  ScrubArgs,
} from '../../common/api/redaction.js';
import { lookupToken } from './pseudonym-lookup.js';
import { setupPseudonyms } from './pseudonymization.js';
import type { CasepackService } from '../service.js';
import { resolveRedaction } from './config.js';
import { scrubDirectory, type ScrubResult } from './scrub.js';
import { createRedactionSession } from './session.js';

export async function runScrub(svc: CasepackService, args: ScrubArgs): Promise<ScrubResult> {
  const { settings } = await svc.settings();
  const resolved = await resolveRedaction(settings, { pseudonymize: args.pseudonymize });
  const pz =
    resolved.pseudonymize.length > 0
      ? await setupPseudonyms({
          categories: resolved.pseudonymize,
          dataDir: svc.dataDir,
          keywords: resolved.options.keywords,
          domains: resolved.options.domains,
        })
      : undefined;
  const session = createRedactionSession({
    custom: resolved.options.rules,
    keep: resolved.options.keep,
    disable: resolved.options.disable,
    pseudonyms: pz?.pseudonymizer,
  });
  try {
    return await scrubDirectory(args.inDir, args.outDir, session);
  } finally {
    pz?.flush();
  }
}

export async function runPseudonymLookup(
  svc: CasepackService,
  args: PseudonymLookupArgs,
): Promise<PseudonymLookupReply> {
  return lookupToken(svc.dataDir, args.token);
}
