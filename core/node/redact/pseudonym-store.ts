// The mapping from pseudonyms back to values, kept on the customer's host only (data directory,
// mode 0600), so that `casepack pseudonyms lookup TOKEN` can say what a token in a bundle stands
// for. One JSON line per new mapping; written as the run goes, read by lookup.
import { appendFileSync, createReadStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { PseudonymCategory } from '../../common/redact/policy.js';

export const PSEUDONYM_FILE = 'pseudonyms.jsonl';

export interface PseudonymEntry {
  token: string;
  category: PseudonymCategory;
  value: string;
}

export class PseudonymStore {
  private readonly seen = new Set<string>();
  private pending: string[] = [];
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, PSEUDONYM_FILE);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  }

  record(token: string, category: PseudonymCategory, value: string): void {
    if (this.seen.has(token)) return;
    this.seen.add(token);
    this.pending.push(JSON.stringify({ token, category, value }));
    if (this.pending.length >= 256) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    appendFileSync(this.file, this.pending.join('\n') + '\n', { mode: 0o600 });
    this.pending = [];
  }
}

/** Every mapping of `token` (case-insensitive), newest last; [] when unknown or no file yet. */
export async function lookupPseudonym(dataDir: string, token: string): Promise<PseudonymEntry[]> {
  const file = path.join(dataDir, PSEUDONYM_FILE);
  const want = token.trim().toLowerCase();
  const found = new Map<string, PseudonymEntry>();
  try {
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of rl) {
      if (!line.toLowerCase().includes(want)) continue;
      try {
        const e = JSON.parse(line) as PseudonymEntry;
        if (e.token.toLowerCase() === want) found.set(`${e.category}:${e.value}`, e);
      } catch {
        /* a torn last line after a crash: skip it */
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return [...found.values()];
}
