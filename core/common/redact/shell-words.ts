// A small shell-word splitter for command lines found in logs, history and `ps` output: quotes,
// backslashes, and the operators that end a simple command. Positions are kept so that rules can
// replace exactly the value part of a word.

export interface Word {
  /** Raw bounds in the line (quotes included). */
  start: number;
  end: number;
  /** The word with quotes and backslashes removed. */
  text: string;
}

/** Words of the simple command starting at `from`, up to `|`, `;`, `&`, `>`, `<`, `)` or the end. */
export function shellWords(line: string, from: number, max = 64): Word[] {
  const words: Word[] = [];
  let i = from;
  const n = line.length;
  while (i < n && words.length < max) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= n) break;
    const c = line[i]!;
    if ('|;&<>)`\r\n\0'.includes(c)) break;
    const start = i;
    let text = '';
    while (i < n) {
      const ch = line[i]!;
      if (ch === ' ' || ch === '\t' || '|;&<>)`\r\n\0'.includes(ch)) break;
      if (ch === "'") {
        const close = line.indexOf("'", i + 1);
        const end = close === -1 ? n : close;
        text += line.slice(i + 1, end);
        i = close === -1 ? n : close + 1;
      } else if (ch === '"') {
        let j = i + 1;
        while (j < n && line[j] !== '"') {
          if (line[j] === '\\' && j + 1 < n) j++;
          text += line[j];
          j++;
        }
        i = j < n ? j + 1 : n;
      } else if (ch === '\\' && i + 1 < n) {
        text += line[i + 1];
        i += 2;
      } else {
        text += ch;
        i++;
      }
    }
    words.push({ start, end: i, text });
  }
  return words;
}

/**
 * The raw range of the part of `w` after its first `skip` characters of text, without surrounding
 * quotes: for `-p"s3cr3t"` and skip 2 that is the range of `s3cr3t`.
 */
export function valueRange(line: string, w: Word, skip: number): { start: number; end: number } {
  let start = w.start;
  let seen = 0;
  while (start < w.end && seen < skip) {
    const c = line[start];
    if (c === '"' || c === "'") {
      start++;
      continue;
    }
    if (c === '\\') start++;
    start++;
    seen++;
  }
  let end = w.end;
  if (start < end && (line[start] === '"' || line[start] === "'")) {
    const q = line[start];
    start++;
    if (end > start && line[end - 1] === q) end--;
  } else if (end > start && (line[end - 1] === '"' || line[end - 1] === "'")) {
    end--;
  }
  return { start, end };
}
