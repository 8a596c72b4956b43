// A redaction session as plain data, so that the redaction workers (redact-worker.ts) compile
// exactly the pack the main thread compiles: the same rules, keep list, switched-off rules,
// casepack's own secret values and pseudonym key. It travels to workers by workerData only (never
// argv, env or a log line): it holds the site key and the upload credentials' values.
import type { PseudonymCategory } from '../../common/redact/policy.js';
import { Pseudonymizer, type KnownNames, type OnMapping } from '../../common/redact/pseudonyms.js';
import type { CustomRuleSpec } from '../../common/redact/rules/custom.js';
import { knownValuesRule } from '../../common/redact/rules/known-values.js';
import { createRedactionSession, type FullRedactionSession } from './session.js';
import { pseudonymKeys } from './site-key.js';
import type { RemovedValues } from './removed-values.js';

export interface PseudonymSpec {
  /** The site key (or a throw-away key). */
  key: Uint8Array;
  categories: PseudonymCategory[];
  names: KnownNames;
}

export interface SessionRecipe {
  custom?: CustomRuleSpec[];
  keep?: string[];
  disable?: string[];
  /** Values casepack itself knows to be secret (removed wherever they appear). */
  known?: string[];
  pseudonyms?: PseudonymSpec;
}

export function pseudonymizerFrom(spec: PseudonymSpec, onMap?: OnMapping): Pseudonymizer {
  return new Pseudonymizer(pseudonymKeys(spec.key), new Set(spec.categories), spec.names, onMap);
}

/** The in-thread session a recipe describes (the workers build theirs the same way). */
export function sessionFromRecipe(
  r: SessionRecipe,
  hooks: { removed?: RemovedValues; onMapping?: OnMapping; onRemoved?(value: string): void } = {},
): FullRedactionSession {
  const known = knownValuesRule(r.known ?? []);
  return createRedactionSession({
    custom: r.custom,
    keep: r.keep,
    disable: r.disable,
    pseudonyms: r.pseudonyms ? pseudonymizerFrom(r.pseudonyms, hooks.onMapping) : undefined,
    removed: hooks.removed,
    ...(hooks.onRemoved ? { onRemoved: hooks.onRemoved } : {}),
    extraRules: known ? [known] : [],
  });
}
