// The mapping from pseudonyms back to values, kept on the customer's host only (data directory,
// mode 0600), so that `casepack pseudonyms lookup TOKEN` can say what a token in a bundle stands
// for. One JSON line per mapping, appended only when the file does not hold it yet (across runs
// too): at start the file is streamed into a fingerprint table of bounded size, so memory does
// not grow with the number of distinct values; when the table cannot tell, the mapping is
// appended again and lookup folds the duplicates. IP addresses are not stored: the site key maps
// them back (./pseudonym-lookup.ts).
import { appendFileSync, createReadStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { PseudonymCategory } from '../../common/redact/policy.js';
import { FingerprintSet } from './fingerprint-set.js';

export const PSEUDONYM_FILE = 'pseudonyms.jsonl';

export interface PseudonymEntry {
  token: string;
  category: PseudonymCategory;
  value: string;
}

/** Each line of the mapping file, streamed; nothing when there is no file yet. */
async function* storeLines(file: string): AsyncGenerator<string> {
  try {
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of rl) yield line;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

const entryLine = (token: string, category: PseudonymCategory, value: string): string =>
  JSON.stringify({ token, category, value });

export class PseudonymStore {
  private readonly known = new FingerprintSet();
  private pending: string[] = [];
  /** The file ends in a torn line (a crash mid-write): start the next append on a new line. */
  private torn = false;
  readonly file: string;

  private constructor(dataDir: string) {
    this.file = path.join(dataDir, PSEUDONYM_FILE);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  }

  /** The store of `dataDir`, knowing (within the table's bounds) what the file holds already. */
  static async open(dataDir: string): Promise<PseudonymStore> {
    const s = new PseudonymStore(dataDir);
    let last = '';
    for await (const line of storeLines(s.file)) {
      if (line !== '') s.known.add(line);
      last = line;
    }
    s.torn = last !== '' && !last.endsWith('}');
    return s;
  }

  record(token: string, category: PseudonymCategory, value: string): void {
    const line = entryLine(token, category, value);
    if (!this.known.add(line)) return;
    this.pending.push(line);
    if (this.pending.length >= 256) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const text = (this.torn ? '\n' : '') + this.pending.join('\n') + '\n';
    appendFileSync(this.file, text, { mode: 0o600 });
    this.pending = [];
    this.torn = false;
  }
}

/** Every stored mapping of `token` (case-insensitive), duplicates folded; [] when unknown. */
export async function lookupPseudonym(dataDir: string, token: string): Promise<PseudonymEntry[]> {
  const want = token.trim().toLowerCase();
  const found = new Map<string, PseudonymEntry>();
  for await (const line of storeLines(path.join(dataDir, PSEUDONYM_FILE))) {
    if (!line.toLowerCase().includes(want)) continue;
    try {
      const e = JSON.parse(line) as PseudonymEntry;
      if (e.token.toLowerCase() === want) found.set(`${e.category}:${e.value}`, e);
    } catch {
      /* a torn line after a crash: skip it */
    }
  }
  return [...found.values()];
}
