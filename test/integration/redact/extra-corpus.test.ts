// The second labelled corpus (test/fixtures/redaction-extra, same format as the shared dev corpus:
// files/, labels.jsonl, clean_files.txt) run through `casepack scrub` and scored the way
// redaction_score.py scores: a label is leaked if its value (or any fragment of a key body)
// still occurs in the scrubbed copy of its file; a clean file counts as changed if its copy
// differs in any byte. Target: every label removed, no clean file changed.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliJson } from '../../support/cli.js';
import { tempDir } from '../../support/tmp.js';

const CORPUS = path.join(import.meta.dirname, '../../fixtures/redaction-extra');

interface Label {
  file: string;
  line: number;
  end_line?: number;
  start_col: number;
  end_col: number;
  kind: string;
  value: string;
  fragments?: string[];
}

const labels: Label[] = readFileSync(path.join(CORPUS, 'labels.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Label);
const clean = readFileSync(path.join(CORPUS, 'clean_files.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim());
const secretFiles = [...new Set(labels.map((l) => l.file))];

let outDir: string;

beforeAll(async () => {
  const root = await tempDir();
  outDir = path.join(root, 'out');
  await mkdir(path.join(root, 'data'));
  await writeFile(path.join(root, 'data/none.yaml'), '');
  const r = await runCliJson<{ files: number }>(
    ['scrub', path.join(CORPUS, 'files'), '--out', outDir],
    {
      env: {
        CASEPACK_DATA_DIR: path.join(root, 'data'),
        CASEPACK_CONFIG: path.join(root, 'data/none.yaml'),
      },
    },
  );
  expect(r.code, r.stderr).toBe(0);
  expect(r.json.files).toBe(secretFiles.length + clean.length);
}, 120_000);

/** The label's text in the input, as the scorer's --check-labels reads it. */
function labelText(lines: string[], l: Label): string {
  const last = l.end_line ?? l.line;
  if (last === l.line) return lines[l.line - 1]!.slice(l.start_col, l.end_col);
  return [
    lines[l.line - 1]!.slice(l.start_col),
    ...lines.slice(l.line, last - 1),
    lines[last - 1]!.slice(0, l.end_col),
  ].join('\n');
}

describe('the redaction-extra corpus', () => {
  it('is well formed: a few hundred labels over many formats, each label where it says', () => {
    expect(labels.length).toBeGreaterThanOrEqual(200);
    expect(clean.length).toBeGreaterThanOrEqual(30);
    const wrong = labels.filter((l) => {
      const lines = readFileSync(path.join(CORPUS, 'files', l.file), 'latin1').split('\n');
      return labelText(lines, l) !== Buffer.from(l.value, 'utf8').toString('latin1');
    });
    expect(wrong.map((l) => `${l.file}:${l.line}`)).toEqual([]);
  });

  it('scrub removes every labelled secret (recall 1.000)', async () => {
    const leaked: string[] = [];
    for (const file of secretFiles) {
      const text = await readFile(path.join(outDir, file), 'utf8');
      for (const l of labels.filter((x) => x.file === file)) {
        const pieces = l.fragments ?? [l.value];
        // only where the secret is: never the value itself in test output
        if (pieces.some((p) => p && text.includes(p))) leaked.push(`${file}:${l.line} ${l.kind}`);
      }
    }
    expect(leaked).toEqual([]);
  });

  it('scrub leaves every clean file byte-identical (clean_changed 0.000)', async () => {
    const changed: string[] = [];
    for (const file of clean) {
      const a = await readFile(path.join(CORPUS, 'files', file));
      const b = await readFile(path.join(outDir, file));
      if (!a.equals(b)) changed.push(file);
    }
    expect(changed).toEqual([]);
  });

  it('keeps the structure of files with secrets: the same number of lines, keys still there', async () => {
    for (const file of secretFiles) {
      const a = await readFile(path.join(CORPUS, 'files', file), 'utf8');
      const b = await readFile(path.join(outDir, file), 'utf8');
      expect(b.split('\n').length, file).toBe(a.split('\n').length);
      expect(b, file).toContain('[REDACTED:');
    }
  });
});
