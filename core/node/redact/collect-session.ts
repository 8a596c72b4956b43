// The redaction of one collection: the settings' `redaction` section, the site policy, the
// profiles' sections and `--pseudonymize` resolved into one session; pseudonyms under the site key
// when a category is on; casepack's own credentials removed wherever they appear; every removed
// value kept as a hash for the leak check that runs on the written bundle (collect-leak.ts).
import type { Manifest } from '../../common/manifest/schema.js';
import type { RedactionOptions } from '../../common/redact/policy.js';
import { knownValuesRule } from '../../common/redact/rules/known-values.js';
import type { Settings } from '../../common/settings/schema.js';
import { checkWrittenBundle } from './collect-leak.js';
import { resolveRedaction } from './config.js';
import { hostIdentity, type HostIdentity } from './host-identity.js';
import { ownSecretValues } from './own-secrets.js';
import { setupPseudonyms } from './pseudonymization.js';
import { RemovedValues } from './removed-values.js';
import { createRedactionSession } from './session.js';
import type { RedactionSession } from './types.js';

export interface CollectSessionInput {
  settings: Settings;
  /** The `redaction` sections of the profiles in use. */
  profiles: readonly RedactionOptions[];
  /** `--pseudonymize`: replaces the categories of the settings and the site policy. */
  pseudonymize?: string;
  /** The data directory: site key and pseudonym mapping. */
  dataDir: string;
  /** This host's names, domains, addresses and accounts (default: read from the host). */
  identity?: HostIdentity;
  env?: NodeJS.ProcessEnv;
}

export async function createCollectSession(i: CollectSessionInput): Promise<RedactionSession> {
  const resolved = await resolveRedaction(i.settings, {
    ...(i.pseudonymize !== undefined ? { pseudonymize: i.pseudonymize } : {}),
    profiles: [...i.profiles],
  });
  const cats = resolved.pseudonymize;
  const identity = i.identity ?? hostIdentity();
  const pz =
    cats.length > 0
      ? await setupPseudonyms({
          categories: cats,
          dataDir: i.dataDir,
          identity,
          keywords: resolved.options.keywords,
          domains: resolved.options.domains,
        })
      : undefined;
  const removed = new RemovedValues();
  const own = await ownSecretValues(i.settings, i.dataDir, i.env);
  for (const v of own) removed.add(v);
  const known = knownValuesRule(own);
  const session = createRedactionSession({
    custom: resolved.options.rules,
    keep: resolved.options.keep,
    disable: resolved.options.disable,
    pseudonyms: pz?.pseudonymizer,
    removed,
    extraRules: known ? [known] : [],
  });
  // With hosts/ips on, this host's own names and addresses must not be left anywhere.
  const hostLiterals = [
    ...(cats.includes('hosts') ? identity.names : []),
    ...(cats.includes('ips') ? identity.addresses : []),
  ];
  return {
    stream: (item) => session.stream(item),
    redactText: (text, item) => session.redactText(text, item),
    totals: () => session.totals(),
    hostLabel: (host) => session.hostLabel(host),
    hostPseudonymized: cats.includes('hosts'),
    manifestSection(): NonNullable<Manifest['redaction']> {
      return { counts: session.totals(), ...(cats.length > 0 ? { pseudonymized: cats } : {}) };
    },
    checkBundle: (o) =>
      checkWrittenBundle({
        ...o,
        leak: {
          removed,
          hostLiterals,
          keep: resolved.options.keep,
          custom: resolved.options.rules,
        },
      }),
    close() {
      pz?.flush();
    },
  };
}
