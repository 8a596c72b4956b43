// Value forms the key/value rule meets after a secret key that are not one plain value: a
// placeholder with an inline default (`${DB_PASSWORD:s3cret}`), a JSON list of strings
// (`"bindCredential": ["x"]`, Keycloak exports) and a libpq conninfo value quoted with doubled
// quotes inside a quoted string (`primary_conninfo = '... password=''x'' ...'`).
import { isCredentialLike, isNonSecretValue } from '../values.js';

// `${name:default}` (Spring, Log4j, WildFly expressions) and `${name:-default}` (shell): the
// default is a literal. Config-provider lookups name a source, not a default: `${file:/p:key}`,
// `${env:VAR}`, `${VAULT::block::attr::1}`.
const WITH_DEFAULT = /^\$\{([A-Za-z_][\w.-]*):(-?)([^}]*)\}$/;
const PROVIDERS =
  /^(?:file|env|sys|vault|secret|secrets|k8s|aws|azure|gcp|dir|directory|base64|ssm|sm|ctx|java|jndi|main|bundle|docker|spring|web|date|map|sd|lower|upper|log4j|marker|event)$/i;

/** [start, end) of an inline default inside a placeholder value, if it looks like a credential. */
export function placeholderDefault(value: string): [number, number] | undefined {
  const m = WITH_DEFAULT.exec(value);
  if (!m || PROVIDERS.test(m[1]!)) return undefined;
  const def = m[3]!;
  if (def.startsWith(':') || def.startsWith('?') || def.startsWith('/')) return undefined;
  if (!isCredentialLike(def) || isNonSecretValue(def)) return undefined;
  const start = m[1]!.length + 3 + m[2]!.length;
  return [start, start + def.length];
}

/**
 * `["a", "b"]` starting at `open` (the `[`): the inner ranges of its string items, or undefined
 * when the list is not only quoted strings on this line.
 */
export function stringList(line: string, open: number): Array<[number, number]> | undefined {
  const items: Array<[number, number]> = [];
  let i = open + 1;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === ']') return items.length > 0 ? items : undefined;
    const q = line[i];
    if (q !== '"' && q !== "'") return undefined;
    let j = i + 1;
    while (j < line.length && line[j] !== q) j += line[j] === '\\' ? 2 : 1;
    if (j >= line.length) return undefined;
    items.push([i + 1, j]);
    i = j + 1;
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === ',') i++;
  }
}

/** `''x''` at p: a value quoted by doubled single quotes inside a single-quoted string. */
export function doubledQuoteValue(line: string, p: number): [number, number] | undefined {
  if (!line.startsWith("''", p) || /^[\s']?$/.test(line[p + 2] ?? '')) return undefined;
  const close = line.indexOf("''", p + 2);
  return close === -1 ? undefined : [p + 2, close];
}
