// Sets up pseudonymisation for a run: the site key, the mapping store and what this host is called.
import { randomBytes } from 'node:crypto';
import type { PseudonymCategory } from '../../common/redact/policy.js';
import type { Pseudonymizer } from '../../common/redact/pseudonyms.js';
import { hostIdentity, type HostIdentity } from './host-identity.js';
import { PseudonymStore } from './pseudonym-store.js';
import { pseudonymizerFrom, type PseudonymSpec } from './session-recipe.js';
import { loadSiteKey } from './site-key.js';

export interface PseudonymSetup {
  pseudonymizer: Pseudonymizer;
  identity: HostIdentity;
  /** The same pseudonymizer as plain data, for the redaction workers (key included). */
  spec: PseudonymSpec;
  /** Keeps a mapping (token to value) made elsewhere, e.g. in a redaction worker. */
  record(token: string, category: PseudonymCategory, value: string): void;
  /** Writes pending mappings to the data directory (call at the end of the run). */
  flush(): void;
}

export async function setupPseudonyms(o: {
  categories: readonly PseudonymCategory[];
  /** Data directory (site key, mapping); without it a throw-away key is used (measurements only). */
  dataDir?: string;
  keywords?: readonly string[];
  domains?: readonly string[];
  identity?: HostIdentity;
}): Promise<PseudonymSetup> {
  const identity = o.identity ?? hostIdentity();
  const key = o.dataDir ? await loadSiteKey(o.dataDir) : randomBytes(32);
  const store = o.dataDir ? await PseudonymStore.open(o.dataDir) : undefined;
  const spec: PseudonymSpec = {
    key,
    categories: [...o.categories],
    names: {
      hostNames: identity.names,
      domains: [
        ...new Set([...identity.domains, ...(o.domains ?? []).map((d) => d.toLowerCase())]),
      ],
      users: identity.users,
      keywords: o.keywords ?? [],
    },
  };
  const record = (token: string, category: PseudonymCategory, value: string) =>
    store?.record(token, category, value);
  const pseudonymizer = pseudonymizerFrom(spec, record);
  return { pseudonymizer, identity, spec, record, flush: () => store?.flush() };
}
