// Rules added by a profile or the site policy: a regex with a named group `secret`, or key names
// whose values are secret in any key/value syntax. Custom regexes run on RE2JS, a linear-time
// engine, so a pattern such as `(a+)+$` cannot backtrack catastrophically; patterns RE2 cannot
// express (backreferences, lookaround) are rejected with a clear message.
import { RE2JS } from 're2js';
import { normalizeKey } from '../key-names.js';
import type { Rule } from '../types.js';
import { makeKeyValueRule } from './key-value.js';

export interface CustomRuleSpec {
  id: string;
  pattern?: string;
  keys?: string[];
  flags?: string;
  /** Literal strings one of which occurs on every line the pattern can match (speeds it up). */
  triggers?: string[];
}

export class CustomRuleError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(message);
  }
}

/** Compile custom rules; throws CustomRuleError naming the rule for an unusable pattern. */
export function compileCustomRules(specs: readonly CustomRuleSpec[]): {
  rules: Rule[];
  extraKeys: Map<string, string>;
} {
  const rules: Rule[] = [];
  const extraKeys = new Map<string, string>();
  const keyNames: string[] = [];
  for (const spec of specs) {
    if (!spec.pattern && !spec.keys?.length)
      throw new CustomRuleError(spec.id, `redaction rule "${spec.id}" needs a pattern or keys`);
    for (const k of spec.keys ?? []) {
      extraKeys.set(normalizeKey(k), spec.id);
      keyNames.push(k);
    }
    if (spec.pattern) rules.push(patternRule(spec));
  }
  if (keyNames.length > 0) {
    const alt = keyNames
      .sort((a, b) => b.length - a.length)
      .map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('|');
    rules.push(
      makeKeyValueRule(
        'custom-keys',
        new RegExp(alt, 'gi'),
        keyNames.map((k) => k.toLowerCase()),
      ),
    );
  }
  return { rules, extraKeys };
}

function patternRule(spec: CustomRuleSpec): Rule {
  let flags = 0;
  for (const f of spec.flags ?? '') {
    if (f === 'i') flags |= RE2JS.CASE_INSENSITIVE;
    else if (f === 'm') flags |= RE2JS.MULTILINE;
    else if (f === 's') flags |= RE2JS.DOTALL;
    else if (f !== 'g' && f !== 'u')
      throw new CustomRuleError(
        spec.id,
        `redaction rule "${spec.id}": unknown regex flag "${f}" (use i, m, s)`,
      );
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(spec.pattern!, flags);
  } catch (e) {
    throw new CustomRuleError(
      spec.id,
      `redaction rule "${spec.id}": the pattern is not accepted (${(e as Error).message}); custom patterns use RE2 syntax: no backreferences or lookaround`,
    );
  }
  if (!re.namedGroups() || !('secret' in re.namedGroups()))
    throw new CustomRuleError(
      spec.id,
      `redaction rule "${spec.id}": the pattern needs a named group (?<secret>...) around the secret`,
    );
  const triggers = spec.triggers?.map((t) => t.toLowerCase()) ?? literalPrefix(spec.pattern!);
  return {
    id: spec.id,
    triggers: triggers ?? [],
    always: !triggers || triggers.length === 0,
    apply(line, out) {
      const m = re.matcher(line);
      let from = 0;
      while (from <= line.length && m.find(from)) {
        const s = m.start('secret');
        const e = m.end('secret');
        if (s >= 0 && e > s) out.secret(s, e, spec.id);
        from = Math.max(m.end(), from + 1);
      }
    },
  };
}

/** A literal the pattern must start with (>= 3 characters), usable as a prefilter trigger. */
function literalPrefix(pattern: string): string[] | undefined {
  const m = /^(?:\(\?i\))?(?:\\b)?((?:[A-Za-z0-9_=:@#%&!,;<>"'~ -]|\\[.\-/$])+)/.exec(pattern);
  if (!m) return undefined;
  const lit = m[1]!.replace(/\\(.)/g, '$1');
  // a quantifier right after the literal applies to its last character
  const next = pattern[m[0].length];
  const usable = next === '?' || next === '*' || next === '{' ? lit.slice(0, -1) : lit;
  return usable.length >= 3 ? [usable.toLowerCase()] : undefined;
}
