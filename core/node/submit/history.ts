// Receipts of delivered bundles, one JSON object per line in `<data dir>/history.jsonl` (append-only,
// so concurrent writers and a crash cost at most the last line).
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Receipt } from '../../common/api/submit.js';

export function historyFile(dataDir: string): string {
  return path.join(dataDir, 'history.jsonl');
}

export async function appendReceipts(dataDir: string, receipts: Receipt[]): Promise<void> {
  if (receipts.length === 0) return;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await appendFile(historyFile(dataDir), receipts.map((r) => JSON.stringify(r) + '\n').join(''), {
    mode: 0o600,
  });
}

/** Newest first. Lines that do not parse (a torn last line after a crash) are skipped. */
export async function readHistory(dataDir: string, limit = 100): Promise<Receipt[]> {
  let text: string;
  try {
    text = await readFile(historyFile(dataDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: Receipt[] = [];
  for (const line of text.split('\n').reverse()) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as Receipt);
    } catch {
      continue;
    }
    if (out.length >= limit) break;
  }
  return out;
}
