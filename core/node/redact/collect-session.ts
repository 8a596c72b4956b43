// The redaction of one collection: the settings' `redaction` section, the site policy, the
// profiles' sections and `--pseudonymize` resolved into one session; pseudonyms under the site key
// when a category is on; casepack's own credentials removed wherever they appear; every removed
// value kept as a hash for the leak check that runs on the written bundle (collect-leak.ts).
import type { Manifest } from '../../common/manifest/schema.js';
import type { RedactionOptions } from '../../common/redact/policy.js';
import type { Settings } from '../../common/settings/schema.js';
import { checkWrittenBundle } from './collect-leak.js';
import { resolveRedaction } from './config.js';
import { hostIdentity, type HostIdentity } from './host-identity.js';
import { ownSecretValues } from './own-secrets.js';
import { setupPseudonyms } from './pseudonymization.js';
import { RemovedValues } from './removed-values.js';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PooledRedactTransform } from './pooled-stream.js';
import { sessionFromRecipe, type SessionRecipe } from './session-recipe.js';
import { RedactPool, type WorkerEntry } from './worker-pool.js';
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
  /**
   * Redaction workers: a pool, or `false` to redact on the main thread only. Default: the
   * settings' `redaction.threads` (1, the main thread only, unless set higher).
   */
  workers?: false | { entry?: WorkerEntry; lanes?: number };
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
  const recipe: SessionRecipe = {
    custom: resolved.options.rules,
    keep: resolved.options.keep,
    disable: resolved.options.disable,
    known: own,
    ...(pz ? { pseudonyms: pz.spec } : {}),
  };
  // The same session in-thread (small items, system report) and in the workers (large items).
  const session = sessionFromRecipe(recipe, { removed, onMapping: pz?.record });
  // One thread by default: a worker isolate costs about 50 MB of RSS (issue 2's memory bound) and
  // gained 6% of wall time on the 1 GiB tree with the default rules (docs/technical/performance.md).
  const threads = i.settings.redaction?.threads ?? 1;
  const workers = i.workers ?? (threads > 1 ? { lanes: threads } : false);
  const pool =
    workers === false
      ? undefined
      : new RedactPool(
          { init: { recipe, fingerprint: removed.fingerprintKey() }, ...workers },
          {
            onFingerprints(fps) {
              for (let k = 0; k + 3 < fps.length; k += 4)
                removed.addFingerprint([fps[k]!, fps[k + 1]!, fps[k + 2]!, fps[k + 3]!]);
            },
            onMappings(maps) {
              for (const [token, category, value] of maps) pz?.record(token, category, value);
            },
          },
        );
  // With hosts/ips on, this host's own names and addresses must not be left anywhere.
  const hostLiterals = [
    ...(cats.includes('hosts') ? identity.names : []),
    ...(cats.includes('ips') ? identity.addresses : []),
  ];
  return {
    stream(item) {
      if (!pool) return session.stream(item);
      return new PooledRedactTransform(
        pool,
        path.basename(item.source),
        () => session.redactor(item.source),
        (r) => session.record(item.id, r),
      );
    },
    redactText: (text, item) => session.redactText(text, item),
    totals: () => session.totals(),
    hostLabel: (host) => session.hostLabel(host),
    hostPseudonymized: cats.includes('hosts'),
    manifestSection(): NonNullable<Manifest['redaction']> {
      return { counts: session.totals(), ...(cats.length > 0 ? { pseudonymized: cats } : {}) };
    },
    async checkBundle(o) {
      // Fail closed: a worker that stopped took part of the run's redaction with it.
      if (pool?.failure) {
        await rm(o.bundle, { force: true });
        throw pool.failure;
      }
      return checkWrittenBundle({
        ...o,
        leak: {
          removed,
          hostLiterals,
          keep: resolved.options.keep,
          custom: resolved.options.rules,
          ...(pool ? { pool } : {}),
        },
      });
    },
    close() {
      void pool?.close();
      pz?.flush();
    },
  };
}
