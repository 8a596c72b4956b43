// A RedactionSession that changes nothing. Used only until the redactor lands; it keeps the data
// flow (every byte through a session's Transform) in place from the first commit.
import { Transform } from 'node:stream';
import type { RedactingStream, RedactionSession } from './types.js';

export function identitySession(): RedactionSession {
  return {
    stream() {
      const t = new Transform({
        transform(chunk, _enc, cb) {
          cb(null, chunk);
        },
      }) as RedactingStream;
      t.result = () => ({ counts: {} });
      return t;
    },
    redactText(text) {
      return { text, counts: {} };
    },
    totals() {
      return {};
    },
  };
}
