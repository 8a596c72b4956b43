// The pairs of a Cookie / Set-Cookie header value: every cookie's value is a secret, the
// attributes (Path, Expires, ...) are not.
import { isNonSecretValue } from '../values.js';
import type { SpanSink } from '../types.js';

const COOKIE_ATTRIBUTES = new Set([
  'path',
  'domain',
  'expires',
  'max-age',
  'samesite',
  'secure',
  'httponly',
  'priority',
  'partitioned',
  'version',
  'comment',
]);

/** `Cookie: a=1; JSESSIONID=abc` / `Set-Cookie: SESSION=x; Path=/`: every cookie value goes. */
export function emitCookiePairs(line: string, start: number, end: number, out: SpanSink): void {
  let i = start;
  while (i < end) {
    const semi = line.indexOf(';', i);
    const stop = semi === -1 || semi > end ? end : semi;
    const eq = line.indexOf('=', i);
    if (eq !== -1 && eq < stop) {
      const name = line.slice(i, eq).trim();
      const vs = eq + 1;
      const value = line.slice(vs, stop).trim();
      if (
        !COOKIE_ATTRIBUTES.has(name.toLowerCase()) &&
        value.length > 0 &&
        !isNonSecretValue(value)
      ) {
        const rule = /sess|sid|auth|token|remember|login/i.test(name) ? 'session-id' : 'cookie';
        out.secret(
          vs + (line.slice(vs, stop).length - line.slice(vs, stop).trimStart().length),
          vs + line.slice(vs, stop).trimEnd().length,
          rule,
        );
      }
    }
    i = stop + 1;
  }
}
