// Credentials inside URLs: scheme://user:password@host (any scheme: http, jdbc:postgresql, amqps,
// rediss, ftp, mongodb+srv, smtp ...) and bare tokens used as the user part (https://TOKEN@host).
import { isNonSecretValue, isRandomLike } from '../values.js';
import type { Rule } from '../types.js';
import { urlCheck } from '../byte-checks.js';

const HOST_AFTER_AT = /^[A-Za-z0-9.\-_[\]:%]*(?:[/?#;,)]|$)/;

export const urlCredentialsRule: Rule = {
  id: 'url-credentials',
  triggers: ['://'],
  check: urlCheck,
  apply(line, out) {
    for (let i = line.indexOf('://'); i !== -1; i = line.indexOf('://', i + 3)) {
      const start = i + 3;
      let end = start;
      while (end < line.length) {
        const c = line.charCodeAt(end);
        // blanks, quotes, <, >, backslash end the URL
        if (c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 92) break;
        end++;
      }
      const token = line.slice(start, end);
      // The userinfo ends at the last '@' that is followed by a host (passwords may hold '@').
      let at = -1;
      for (let j = token.lastIndexOf('@'); j > 0; j = token.lastIndexOf('@', j - 1)) {
        const slash = token.indexOf('/');
        if (slash !== -1 && slash < j && !token.slice(0, j).includes(':')) continue;
        if (HOST_AFTER_AT.test(token.slice(j + 1))) {
          at = j;
          break;
        }
      }
      if (at <= 0) continue;
      const userinfo = token.slice(0, at);
      if (/^[^:]*\/.*/.test(userinfo) && !userinfo.includes(':')) continue; // a path, not userinfo
      const colon = userinfo.indexOf(':');
      const scheme =
        /([A-Za-z][A-Za-z0-9+.-]*)$/.exec(line.slice(Math.max(0, i - 40), i))?.[1] ?? '';
      const rule = /^jdbc|^(?:postgres|mysql|mariadb|oracle|sqlserver|mongodb|redis|db2)/i.test(
        /jdbc:[a-z0-9]+$/i.test(line.slice(Math.max(0, i - 40), i)) ? 'jdbc' : scheme,
      )
        ? 'jdbc-password'
        : 'url-password';
      if (colon !== -1) {
        const pw = userinfo.slice(colon + 1);
        if (pw.length > 0 && !isNonSecretValue(pw)) out.secret(start + colon + 1, start + at, rule);
      } else if (isRandomLike(userinfo) || /^(?:gh[pousr]_|glpat-|xox)/.test(userinfo)) {
        out.secret(start, start + at, 'url-token');
      }
    }
  },
};
