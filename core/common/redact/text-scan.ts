// Small character-level helpers shared by the rules: where an identifier starts and ends, where a
// quoted or unquoted value ends. Lines are latin1-decoded bytes, so never use \s here (it would
// match 0xA0, a UTF-8 continuation byte): only space, tab, CR, LF and NUL separate values.

export function isIdentChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 /* _ */ ||
    c === 46 /* . */ ||
    c === 45 /* - */
  );
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0 || c === 12 || c === 11;
}

export function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

export function skipBlanks(line: string, i: number): number {
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}

/** End (exclusive) of the trailing blanks-trimmed line: drops spaces, tabs and a CR. */
export function trimmedEnd(line: string, end = line.length): number {
  while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * A quoted value starting at `open` (the quote, or a backslash before it for `\"`): returns the
 * inner [start, end) and the index after the closing quote, or undefined if it does not close on
 * this line (callers then take the rest of the line).
 */
export function quotedValue(
  line: string,
  open: number,
): { start: number; end: number; after: number } | undefined {
  let q = line.charCodeAt(open);
  let escaped = false;
  let start = open + 1;
  if (q === 92 /* \ */) {
    escaped = true;
    q = line.charCodeAt(open + 1);
    start = open + 2;
  }
  for (let i = start; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (escaped) {
      if (c === 92 && line.charCodeAt(i + 1) === q) return { start, end: i, after: i + 2 };
      continue;
    }
    if (c === 92 && q === 34) {
      i++;
      continue;
    }
    if (c === q) return { start, end: i, after: i + 1 };
  }
  return undefined;
}

const KV_AFTER = /^[ \t]*[A-Za-z_][\w.\-[\]]*[ \t]*[=:]/;
const PARAM_AFTER = /^[\w.\-[\]%]+=/;

/**
 * End of an unquoted value in running text (a log line, a command line, a URL): whitespace and
 * quotes end it; `&`, `;`, `,`, `|` end it only when another key=value follows or nothing does,
 * so a password may contain them. Unbalanced closing brackets at the end are not part of it.
 */
export function inlineValueEnd(line: string, p: number, limit = line.length): number {
  let i = p;
  while (i < limit) {
    const c = line.charCodeAt(i);
    if (isSpace(c) || isQuote(c) || c === 60 /* < */) break;
    if (c === 38 /* & */) {
      if (PARAM_AFTER.test(line.slice(i + 1, i + 80)) || atValueEnd(line, i + 1, limit)) break;
    } else if (c === 59 /* ; */ || c === 44 /* , */ || c === 124 /* | */) {
      if (KV_AFTER.test(line.slice(i + 1, i + 80)) || atValueEnd(line, i + 1, limit)) break;
    }
    i++;
  }
  return trimUnbalanced(line, p, i);
}

function atValueEnd(line: string, i: number, limit: number): boolean {
  return i >= limit || isSpace(line.charCodeAt(i)) || isQuote(line.charCodeAt(i));
}

/** Drop closing brackets at the end of [start, end) that have no opener inside it. */
export function trimUnbalanced(line: string, start: number, end: number): number {
  for (;;) {
    if (end <= start) return end;
    const c = line[end - 1];
    const open = c === ')' ? '(' : c === ']' ? '[' : c === '}' ? '{' : undefined;
    if (!open) return end;
    const v = line.slice(start, end);
    if (count(v, c!) > count(v, open)) end--;
    else return end;
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** Index where the current "logical line" starts: after the last NUL (environ-style text) or 0. */
export function logicalLineStart(line: string, before: number): number {
  const z = line.lastIndexOf('\0', before - 1);
  return z + 1;
}

const LINE_PREFIX =
  /^(?:[ \t]*(?:-[ \t]+)?(?:(?:export|set|setenv|declare[ \t]+-[a-zA-Z]+|readonly|local|typeset|ENV|ARG|SET|\$env:)[ \t]+)?)$/;
const LABEL_PREFIX =
  /^[ \t]*(?:-[ \t]+)?[A-Za-z][A-Za-z0-9]*(?:[ \t]+[A-Za-z][A-Za-z0-9]*){0,2}[ \t]+$/;

/**
 * Whether the text before a key makes it the key of a whole config line (`key = rest of line`),
 * e.g. indentation, a YAML list dash, `export`, `set`, or a short label such as `DB Password:`.
 */
export function isLineStartKey(prefix: string): boolean {
  return LINE_PREFIX.test(prefix) || (prefix.length <= 40 && LABEL_PREFIX.test(prefix));
}
