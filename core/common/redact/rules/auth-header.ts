// HTTP authentication: `Authorization: Basic|Bearer|Token|Digest ...` in headers, JSON and curl
// command lines, plus a bare `Bearer <token>` or `Basic <base64 user:pass>` anywhere in a log.
import { decodeBase64Text, isNonSecretValue } from '../values.js';
import { inlineValueEnd, trimmedEnd } from '../text-scan.js';
import type { Rule } from '../types.js';
import { schemeWordCheck } from '../byte-checks.js';
import { classMask } from '../prefilter.js';

const HEADER =
  /\b(?:proxy-)?authori[sz]ation\\?["']?[ \t]*[:=][ \t]*(\\?["'])?[ \t]*(Basic|Bearer|Token|Digest|Negotiate|NTLM|OAuth|SSWS|Splunk|ApiKey|Api-Key|JWT|MAC|HMAC|SharedKey|SharedKeyLite|GenieKey|Key|DSN|AWS4-HMAC-SHA256)[ \t]+/gi;
const BARE_BEARER = /\bBearer[ \t]+([A-Za-z0-9._~+/=-]{16,4096})/g;
const BARE_BASIC = /\bBasic[ \t]+([A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])/g;

export const authorizationRule: Rule = {
  id: 'authorization',
  triggers: ['authorization', 'authorisation', 'bearer', 'basic'],
  triggerNext: classMask(' :'),
  check: (b, pos, len, end) =>
    len === 13
      ? pos === 0 || !/[A-Za-z0-9_]/.test(String.fromCharCode(b[pos - 1]!))
      : schemeWordCheck(b, pos, len, end),
  apply(line, out) {
    HEADER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HEADER.exec(line)) !== null) {
      const quote = m[1]?.slice(-1);
      const scheme = m[2]!.toLowerCase();
      const vs = m.index + m[0].length;
      let ve: number;
      if (scheme === 'digest' || scheme === 'aws4-hmac-sha256' || scheme === 'oauth') {
        // parameters, up to the end of the header value
        ve = quote ? line.indexOf(quote, vs) : -1;
        if (ve === -1) ve = trimmedEnd(line);
      } else {
        ve = inlineValueEnd(line, vs);
      }
      const value = line.slice(vs, ve);
      if (ve > vs && !isNonSecretValue(value))
        out.secret(
          vs,
          ve,
          scheme === 'basic'
            ? 'basic-auth'
            : scheme === 'bearer'
              ? 'bearer-token'
              : 'authorization',
        );
    }
    BARE_BEARER.lastIndex = 0;
    while ((m = BARE_BEARER.exec(line)) !== null) {
      const v = m[1]!;
      if (/\d/.test(v) || (/[a-z]/.test(v) && /[A-Z]/.test(v) && v.length >= 20))
        out.secret(m.index + m[0].length - v.length, m.index + m[0].length, 'bearer-token');
    }
    BARE_BASIC.lastIndex = 0;
    while ((m = BARE_BASIC.exec(line)) !== null) {
      const v = m[1]!;
      const decoded = decodeBase64Text(v);
      if (decoded && /^[^:\s]{1,128}:[^\s]/.test(decoded))
        out.secret(m.index + m[0].length - v.length, m.index + m[0].length, 'basic-auth');
    }
  },
};
