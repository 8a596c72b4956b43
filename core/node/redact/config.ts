// Where a run's redaction options come from: the settings file's `redaction` section, the site
// policy file (an administrator's YAML, same shape), profiles' `redaction` sections and the
// command line. Rules, keep-lists and keywords add up; `--pseudonymize` replaces the settings'
// categories, never the site policy's.
import { readFile } from 'node:fs/promises';
import { CasepackError } from '../../common/errors.js';
import {
  parsePseudonymize,
  redactionOptionsSchema,
  type PseudonymCategory,
  type RedactionOptions,
} from '../../common/redact/policy.js';
import type { Settings } from '../../common/settings/schema.js';
import { parseYaml } from '../yaml-file.js';

export const DEFAULT_POLICY_FILE = '/etc/casepack/redaction-policy.yaml';

export interface ResolvedRedaction {
  options: RedactionOptions;
  pseudonymize: PseudonymCategory[];
  policyFile?: string;
}

export async function loadPolicyFile(
  file: string,
  explicit: boolean,
): Promise<RedactionOptions | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return undefined;
    throw new CasepackError(
      'config',
      `cannot read the redaction site policy ${file}: ${code === 'ENOENT' ? 'no such file' : code}`,
      file,
    );
  }
  return parseYaml(text, redactionOptionsSchema, { file, what: 'redaction site policy' }) ?? {};
}

/** Merge settings, site policy, profile sections and the `--pseudonymize` flag. */
export async function resolveRedaction(
  settings: Settings,
  extra: { pseudonymize?: string; profiles?: RedactionOptions[] } = {},
): Promise<ResolvedRedaction> {
  const own = (settings.redaction ?? {}) as RedactionOptions & { policy?: string };
  const policyFile = own.policy ?? DEFAULT_POLICY_FILE;
  const policy = await loadPolicyFile(policyFile, own.policy !== undefined);
  const parts = [own, policy ?? {}, ...(extra.profiles ?? [])];
  const options: RedactionOptions = {
    rules: parts.flatMap((p) => p.rules ?? []),
    keep: parts.flatMap((p) => p.keep ?? []),
    keywords: parts.flatMap((p) => p.keywords ?? []),
    domains: parts.flatMap((p) => p.domains ?? []),
    disable: parts.flatMap((p) => p.disable ?? []),
  };
  let categories: PseudonymCategory[];
  try {
    // The site policy's categories are always on (an administrator's floor); the user's settings,
    // or `--pseudonymize` in their place, add to them.
    const list = (v: typeof own.pseudonymize): PseudonymCategory[] =>
      v === undefined || v === 'none' ? [] : parsePseudonymize(v === 'all' ? 'all' : v);
    const mine =
      extra.pseudonymize !== undefined
        ? parsePseudonymize(extra.pseudonymize)
        : list(own.pseudonymize);
    categories = [...new Set([...list(policy?.pseudonymize), ...mine])];
  } catch (e) {
    throw new CasepackError('usage', (e as Error).message);
  }
  return { options, pseudonymize: categories, policyFile: policy ? policyFile : undefined };
}
