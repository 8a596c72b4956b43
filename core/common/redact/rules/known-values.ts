// Values casepack itself knows to be secret (the upload credentials its settings refer to, the site
// key): removed wherever they appear, whatever surrounds them, so that no command output or log
// line can carry them into a bundle. The values arrive in the redactor's latin1 form.
import type { Rule } from '../types.js';

export const KNOWN_VALUE_RULE = 'casepack-credential';
/** Shorter values would match ordinary words; the leak check keeps the same floor. */
export const KNOWN_VALUE_MIN = 8;

export function knownValuesRule(values: readonly string[]): Rule | undefined {
  const list = [...new Set(values.filter((v) => v.length >= KNOWN_VALUE_MIN))].sort(
    (a, b) => b.length - a.length,
  );
  if (list.length === 0) return undefined;
  return {
    id: KNOWN_VALUE_RULE,
    triggers: list.map((v) => v.toLowerCase()),
    apply(line, out) {
      for (const v of list)
        for (let i = line.indexOf(v); i !== -1; i = line.indexOf(v, i + v.length))
          out.secret(i, i + v.length, KNOWN_VALUE_RULE);
    },
  };
}
