// The fail-closed leak check: after a bundle is written, every entry is scanned again for the
// rule pack's patterns, for every value removed during the run (by hash) and, when pseudonyms are
// on, for this host's own names and addresses. case.json (the case as the user wrote it) is only
// scanned for secret patterns. A finding names the entry, the line and the rule, never the value;
// any finding makes the bundle not releasable. Plugs into `casepack verify` as a VerifyCheck.
import { Writable } from 'node:stream';
import type { CustomRuleSpec } from '../../common/redact/rules/custom.js';
import { openZip } from '../review/zip-reader.js';
import { RedactTransform } from './redacting-stream.js';
import type { RemovedValues } from './removed-values.js';
import { createRedactionSession, type FullRedactionSession } from './session.js';

export interface LeakFinding {
  entry: string;
  line: number;
  rule: string;
}

export interface LeakCheckOptions {
  /** Hashes of the values removed during the run (only known to the run that made the bundle). */
  removed?: RemovedValues;
  /** This host's names and addresses, when pseudonymisation of hosts/ips was on. */
  hostLiterals?: readonly string[];
  keep?: readonly string[];
  custom?: readonly CustomRuleSpec[];
}

export interface LeakProblem {
  entry: string;
  code: 'leak';
  message: string;
}

export const CASE_ENTRY = 'case.json';
const MAX_FINDINGS_PER_ENTRY = 20;

/** A scanner for one entry: write its uncompressed bytes, then end() for the findings. */
export class EntryLeakScanner {
  readonly findings: LeakFinding[] = [];
  private readonly patterns: RedactTransform;
  private readonly done: Promise<void>;
  private offset = 0;
  private line = 1;
  private tail: Buffer = Buffer.alloc(0);
  private readonly reported = new Set<number>();
  private readonly literals: string[];

  constructor(
    readonly entry: string,
    private readonly o: LeakCheckOptions,
    session: FullRedactionSession = createRedactionSession({ keep: o.keep, custom: o.custom }),
  ) {
    const patternsOnly = entry === CASE_ENTRY;
    this.patterns = new RedactTransform(session.pack.compiled, {
      classifyKey: session.pack.classifyKey,
      fileName: entry.split('/').pop()!.toLowerCase(),
      onFinding: (rule, line) => this.add({ entry, line, rule }),
    });
    this.done = new Promise((resolve, reject) => {
      this.patterns.on('error', reject);
      this.patterns.pipe(new Writable({ write: (_c, _e, cb) => cb() })).on('finish', resolve);
    });
    this.literals = patternsOnly
      ? []
      : (o.hostLiterals ?? []).filter((l) => l.length >= 3).map((l) => l.toLowerCase());
    if (patternsOnly) this.o = { ...o, removed: undefined };
  }

  private add(f: LeakFinding): void {
    if (this.findings.length < MAX_FINDINGS_PER_ENTRY) this.findings.push(f);
  }

  write(chunk: Buffer): void {
    this.patterns.write(chunk);
    if (!this.o.removed?.size && this.literals.length === 0) return;
    // Values may straddle chunks: scan the previous chunk's tail again with this one.
    const data = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const base = this.offset - this.tail.length;
    const lineAt = this.lineCounter(data, base);
    this.o.removed?.find(data, (off) => {
      if (this.reported.has(base + off)) return;
      this.reported.add(base + off);
      this.add({ entry: this.entry, line: lineAt(off), rule: 'removed-value' });
    });
    if (this.literals.length > 0) {
      const lower = data.toString('latin1').toLowerCase();
      for (const lit of this.literals)
        for (let i = lower.indexOf(lit); i !== -1; i = lower.indexOf(lit, i + 1)) {
          const before = i > 0 ? lower.charCodeAt(i - 1) : 32;
          const after = i + lit.length < lower.length ? lower.charCodeAt(i + lit.length) : 32;
          if (isWordByte(before) || isWordByte(after) || this.reported.has(base + i)) continue;
          this.reported.add(base + i);
          this.add({ entry: this.entry, line: lineAt(i), rule: 'host-identity' });
        }
    }
    this.offset += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.line++;
    this.tail = Buffer.from(data.subarray(Math.max(0, data.length - 600)));
  }

  /** Line numbers for offsets in `data` (which starts at absolute offset `base`). */
  private lineCounter(data: Buffer, base: number): (off: number) => number {
    const startLine = this.line - countNl(data, 0, this.offset - base);
    return (off) => startLine + countNl(data, 0, off);
  }

  async end(): Promise<LeakFinding[]> {
    this.patterns.end();
    await this.done;
    return this.findings;
  }
}

function countNl(b: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = b.indexOf(10, start); i !== -1 && i < end; i = b.indexOf(10, i + 1)) n++;
  return n;
}

function isWordByte(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

export function describeLeak(f: LeakFinding): string {
  return f.rule === 'removed-value'
    ? `${f.entry}:${f.line}: a value removed elsewhere in this run is still here`
    : f.rule === 'host-identity'
      ? `${f.entry}:${f.line}: this host's own name or address is still here although pseudonymisation is on`
      : `${f.entry}:${f.line}: looks like a secret (rule ${f.rule}) is still here`;
}

/** The leak check in the shape of the bundle verifier's VerifyCheck (core/node/bundle/verify.ts). */
export function leakVerifyCheck(o: LeakCheckOptions = {}) {
  // One compiled pack (the full built-in rule pack: rules disabled for a run still count here).
  const session = createRedactionSession({ keep: o.keep, custom: o.custom });
  return {
    id: 'leak',
    scan({ name }: { name: string }) {
      const s = new EntryLeakScanner(name, o, session);
      return {
        write: (chunk: Buffer) => s.write(chunk),
        end: async (): Promise<LeakProblem[]> =>
          (await s.end()).map((f) => ({
            entry: name,
            code: 'leak' as const,
            message: describeLeak(f),
          })),
      };
    },
  };
}

/** Scan every entry of a bundle (the run's own check, and tests); findings in entry order. */
export async function scanBundleForLeaks(
  file: string,
  o: LeakCheckOptions = {},
): Promise<LeakFinding[]> {
  const session = createRedactionSession({ keep: o.keep, custom: o.custom });
  const zip = await openZip(file);
  const out: LeakFinding[] = [];
  try {
    for (const entry of zip.entries) {
      if (entry.fileName.endsWith('/')) continue;
      const s = new EntryLeakScanner(entry.fileName, o, session);
      for await (const chunk of await zip.stream(entry)) s.write(chunk as Buffer);
      out.push(...(await s.end()));
    }
  } finally {
    zip.close();
  }
  return out;
}
