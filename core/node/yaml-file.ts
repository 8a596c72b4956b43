// Reading human-written YAML (profiles, settings, case files) with errors that name the file, the line
// and the key, so the person who wrote it can fix it at once.
import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { CasepackError, errorMessage, type ErrorCode } from '../common/errors.js';

export interface YamlProblem {
  line?: number;
  column?: number;
  key?: string;
  message: string;
}

function keyPath(path: PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

function nodeAt(doc: ReturnType<typeof parseDocument>, path: PropertyKey[]): YamlNode | undefined {
  const n = doc.getIn(path as unknown[], true);
  return n && typeof n === 'object' && 'range' in (n as object) ? (n as YamlNode) : undefined;
}

export interface ParseYamlOptions {
  file: string;
  what: string;
  code?: ErrorCode;
  /** Numbers become the text the person wrote (for free-text fields such as versions). */
  numbersAsText?: boolean;
}

/** Parse YAML text and validate it; throws a CasepackError listing every problem with line numbers. */
export function parseYaml<S extends z.ZodType>(
  text: string,
  schema: S,
  opts: ParseYamlOptions,
): z.output<S> {
  const code = opts.code ?? 'config';
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  // `version: 5.10` would otherwise become the number 5.1: keep numbers exactly as written.
  if (opts.numbersAsText)
    visit(doc, {
      Scalar(_k, n) {
        if (typeof n.value === 'number' && typeof n.source === 'string') n.value = n.source;
      },
    });
  const problems: YamlProblem[] = [];
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    problems.push({
      line: pos.line,
      column: pos.col,
      message: e.message.split('\n')[0] ?? e.message,
    });
  }
  if (problems.length === 0) {
    const data: unknown = doc.toJS() ?? {};
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = issue.path as PropertyKey[];
      if (issue.code === 'unrecognized_keys') {
        const parent = nodeAt(doc, path);
        for (const key of issue.keys) {
          let line: number | undefined;
          if (parent && isMap(parent)) {
            const pair = parent.items.find(
              (p) => (p.key as { value?: unknown } | null)?.value === key,
            );
            const r = (pair?.key as YamlNode | undefined)?.range;
            if (r) line = lc.linePos(r[0]).line;
          }
          problems.push({ line, key: keyPath([...path, key]), message: `unknown key "${key}"` });
        }
        continue;
      }
      // Point at the deepest node that exists on the path.
      let line: number | undefined;
      for (let i = path.length; i >= 0; i--) {
        const n = nodeAt(doc, path.slice(0, i));
        if (n?.range) {
          line = lc.linePos(n.range[0]).line;
          break;
        }
        if (i === 0 && (isMap(doc.contents) || isSeq(doc.contents)) && doc.contents.range)
          line = lc.linePos(doc.contents.range[0]).line;
      }
      problems.push({ line, key: path.length ? keyPath(path) : undefined, message: issue.message });
    }
  }
  const lines = problems.map(
    (p) => `  ${opts.file}${p.line ? `:${p.line}` : ''}${p.key ? `: ${p.key}` : ''}: ${p.message}`,
  );
  const first = problems[0];
  throw new CasepackError(
    code,
    `invalid ${opts.what} ${opts.file}:\n${lines.join('\n')}`,
    first?.line ? `${opts.file}:${first.line}` : opts.file,
  );
}

/** Read and validate a YAML (or JSON, which is YAML) file. */
export async function loadYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
  opts: Omit<ParseYamlOptions, 'file'>,
): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ENOENT'
        ? 'no such file'
        : err.code === 'EACCES'
          ? 'permission denied'
          : errorMessage(e);
    throw new CasepackError(
      err.code === 'ENOENT' ? 'not-found' : (opts.code ?? 'config'),
      `cannot read ${opts.what} ${file}: ${why}`,
      file,
    );
  }
  return parseYaml(text, schema, { ...opts, file });
}
