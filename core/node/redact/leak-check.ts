// The fail-closed leak check: after a bundle is written, every entry is scanned again for the
// rule pack's patterns, for every value removed during the run (by hash) and, when pseudonyms are
// on, for this host's own names and addresses. case.json (the case as the user wrote it) is only
// scanned for secret patterns. A finding names the entry, the line and the rule, never the value;
// any finding makes the bundle not releasable. Plugs into `casepack verify` as a VerifyCheck.
import { Writable } from 'node:stream';
import type { Manifest } from '../../common/manifest/schema.js';
import { CasepackError } from '../../common/errors.js';
import { redactPathName } from '../../common/redact/entry-names.js';
import type { CustomRuleSpec } from '../../common/redact/rules/custom.js';
import type { Entry } from 'yauzl';
import { openZip, type OpenZip } from '../review/zip-reader.js';
import { hasCompressedMagic } from '../bundle/zip/compressed.js';
import { RedactTransform } from './redacting-stream.js';
import type { RemovedValues } from './removed-values.js';
import { createRedactionSession, type FullRedactionSession } from './session.js';
import type { LeakFinding } from './types.js';
import type { RedactPool } from './worker-pool.js';

export type { LeakFinding };

export interface LeakCheckOptions {
  /** Hashes of the values removed during the run (only known to the run that made the bundle). */
  removed?: RemovedValues;
  /** This host's names and addresses, when pseudonymisation of hosts/ips was on. */
  hostLiterals?: readonly string[];
  keep?: readonly string[];
  custom?: readonly CustomRuleSpec[];
  signal?: AbortSignal;
  /** The run's redaction workers: once started, the entries are scanned there, side by side. */
  pool?: RedactPool;
}

export interface LeakProblem {
  entry: string;
  code: 'leak';
  message: string;
}

export const CASE_ENTRY = 'case.json';
const MANIFEST_ENTRY = 'manifest.json';
const REPORT_ENTRY = 'report.html';

/**
 * The full built-in pack (rules disabled for a run still count here), compiled once per check.
 */
function leakSession(o: LeakCheckOptions): FullRedactionSession {
  return createRedactionSession({ keep: o.keep, custom: o.custom });
}

// casepack's own files are read as what they say. manifest.json counts removals by rule name
// (`"password": 3,` on a line of its own, as the bundle writer pretty-prints it): such a line is
// bookkeeping, never a secret, so the pattern scan sees an empty line in its place; every other
// line (sources, commands, reasons) is scanned as it is. report.html shows redacted text
// HTML-escaped (`password=&quot;[REDACTED:password]&quot;`): the scan sees it unescaped, so a
// marker is a marker there too, and an escaped secret is still found.
const COUNT_LINE = /^[ \t]*"[^"\\]{1,200}": \d{1,15},?\r?$/;
const ENTITY = /&(?:quot|amp|lt|gt|apos|#39|#x27);/g;
const ENTITY_CHAR: Record<string, string> = {
  '&quot;': '"',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&apos;': "'",
  '&#39;': "'",
  '&#x27;': "'",
};
const OWN_FILE_LINES: Record<string, (line: string) => string> = {
  [MANIFEST_ENTRY]: (line) => (COUNT_LINE.test(line) ? '' : line),
  [REPORT_ENTRY]: (line) => line.replace(ENTITY, (m) => ENTITY_CHAR[m]!),
};

/** Feeds `sink` an entry's bytes line by line, each line mapped (line numbers stay). */
class LineFilter {
  private partial: Buffer[] = [];
  constructor(
    private readonly map: (line: string) => string,
    private readonly sink: (b: Buffer) => void,
  ) {}
  write(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.partial.push(chunk.subarray(start, nl + 1));
      this.flushLine();
      start = nl + 1;
    }
    if (start < chunk.length) this.partial.push(Buffer.from(chunk.subarray(start)));
  }
  end(): void {
    this.flushLine();
  }
  private flushLine(): void {
    if (this.partial.length === 0) return;
    const line = Buffer.concat(this.partial);
    this.partial = [];
    const nl = line.at(-1) === 10;
    const text = line.toString('latin1', 0, nl ? line.length - 1 : line.length);
    this.sink(Buffer.from(this.map(text) + (nl ? '\n' : ''), 'latin1'));
  }
}

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
  private literals: HostLiteral[];
  private readonly ownLines?: LineFilter;

  constructor(
    readonly entry: string,
    private readonly o: LeakCheckOptions,
    session: FullRedactionSession = leakSession(o),
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
      : (o.hostLiterals ?? []).filter((l) => l.length >= 2).map(hostLiteral);
    if (patternsOnly) this.o = { ...o, removed: undefined };
    const map = OWN_FILE_LINES[entry];
    if (map) this.ownLines = new LineFilter(map, (b) => this.patterns.write(b));
  }

  private add(f: LeakFinding): void {
    if (this.findings.length < MAX_FINDINGS_PER_ENTRY) this.findings.push(f);
  }

  write(chunk: Buffer): void {
    // Compressed content (a rotated .gz, a .jar) is stored as it is: nothing in it could be
    // pseudonymised, and a short host name ("vm", 16 bits) turns up by chance hundreds of times in
    // 50 MB of it. There the host's names are looked for only from 6 characters (48 bits, the
    // removed values' floor), which still catches one written plainly, e.g. a gzip header's name.
    if (this.offset === 0 && this.literals.length > 0 && hasCompressedMagic(chunk))
      this.literals = this.literals.filter((l) => l.text.length >= 6);
    if (this.ownLines) this.ownLines.write(chunk);
    else this.patterns.write(chunk);
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
    this.scanLiterals(data, base, lineAt, false);
    this.offset += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.line++;
    this.tail = Buffer.from(data.subarray(Math.max(0, data.length - 600)));
  }

  /**
   * This host's names and addresses in `data`. Until the last chunk, an occurrence too close to the
   * end to see what follows it waits for the next chunk (the tail is scanned again).
   */
  private scanLiterals(
    data: Buffer,
    base: number,
    lineAt: (off: number) => number,
    final: boolean,
  ): void {
    if (this.literals.length === 0) return;
    const lower = data.toString('latin1').toLowerCase();
    for (const lit of this.literals)
      for (let i = lower.indexOf(lit.text); i !== -1; i = lower.indexOf(lit.text, i + 1)) {
        if (!final && i + lit.text.length + 2 > lower.length) break;
        if (!lit.standsAlone(lower, i) || this.reported.has(base + i)) continue;
        this.reported.add(base + i);
        this.add({ entry: this.entry, line: lineAt(i), rule: 'host-identity' });
      }
  }

  /** Line numbers for offsets in `data` (which starts at absolute offset `base`). */
  private lineCounter(data: Buffer, base: number): (off: number) => number {
    const startLine = this.line - countNl(data, 0, this.offset - base);
    return (off) => startLine + countNl(data, 0, off);
  }

  async end(): Promise<LeakFinding[]> {
    const base = this.offset - this.tail.length;
    this.scanLiterals(this.tail, base, this.lineCounter(this.tail, base), true);
    this.ownLines?.end();
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

interface HostLiteral {
  text: string;
  /** The occurrence at `i` is the name or address itself, not part of a longer one. */
  standsAlone(lower: string, i: number): boolean;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f]*:[0-9a-f:.]*$/;

/**
 * A name or address of this host, with the same boundaries the pseudonymiser uses to find it
 * (core/common/redact/pseudonyms.ts), so that what it left alone ("vm.swappiness",
 * "10.0.0.12" for 10.0.0.1) is not reported either.
 */
function hostLiteral(raw: string): HostLiteral {
  const text = raw.toLowerCase();
  const at = (s: string, k: number) => (k >= 0 && k < s.length ? s[k]! : ' ');
  const end = (i: number) => i + text.length;
  if (IPV4.test(text))
    return {
      text,
      standsAlone: (s, i) =>
        !/[\d.]/.test(at(s, i - 1)) &&
        !/\d/.test(at(s, end(i))) &&
        !(at(s, end(i)) === '.' && /\d/.test(at(s, end(i) + 1))),
    };
  if (IPV6.test(text))
    return {
      text,
      standsAlone: (s, i) => !/[0-9a-z:.]/.test(at(s, i - 1)) && !/[0-9a-z:.]/.test(at(s, end(i))),
    };
  return {
    text,
    standsAlone: (s, i) =>
      !/[a-z0-9_.@-]/.test(at(s, i - 1)) &&
      !/[a-z0-9_-]/.test(at(s, end(i))) &&
      !(at(s, end(i)) === '.' && /[a-z0-9]/.test(at(s, end(i) + 1))),
  };
}

/**
 * A secret in the entry's name itself: one finding per rule at line 0, and the name to show for
 * every finding of the entry (with markers, so no message repeats the secret).
 */
function nameLeaks(name: string, session: FullRedactionSession): LeakFinding[] {
  const r = redactPathName(session.pack, name);
  return r.rules.map((rule) => ({ entry: r.text, line: 0, rule }));
}

export function describeLeak(f: LeakFinding): string {
  if (f.line === 0) return `${f.entry}: the entry's name looks like a secret (rule ${f.rule})`;
  return f.rule === 'removed-value'
    ? `${f.entry}:${f.line}: a value removed elsewhere in this run is still here`
    : f.rule === 'host-identity'
      ? `${f.entry}:${f.line}: this host's own name or address is still here although pseudonymisation is on`
      : `${f.entry}:${f.line}: looks like a secret (rule ${f.rule}) is still here`;
}

/**
 * The leak check in the shape of the bundle verifier's VerifyCheck (core/node/bundle/verify.ts):
 * the patterns in every entry, plus what the collection's own check recorded in the manifest
 * (`redaction.leaks`: removed values and host names only that run could recognise) for every
 * entry still in the bundle.
 */
export function leakVerifyCheck(o: LeakCheckOptions = {}) {
  // One compiled pack (the full built-in rule pack: rules disabled for a run still count here).
  const session = leakSession(o);
  return {
    id: 'leak',
    scan({ name: rawName, manifest }: { name: string; manifest?: Manifest }) {
      const named = nameLeaks(rawName, session);
      const name = named[0]?.entry ?? rawName;
      const s = new EntryLeakScanner(rawName, o, session);
      // manifest.json and report.html were rewritten to record the findings, so their pattern
      // findings are found again here (at new lines); only what a pattern cannot find is kept.
      const rewritten = rawName === MANIFEST_ENTRY || rawName === REPORT_ENTRY;
      const recorded = (manifest?.redaction?.leaks ?? []).filter(
        (l) =>
          l.entry === rawName &&
          (!rewritten || l.rule === 'removed-value' || l.rule === 'host-identity'),
      );
      return {
        write: (chunk: Buffer) => s.write(chunk),
        end: async (): Promise<LeakProblem[]> => {
          const found = await s.end();
          const key = (f: LeakFinding) => `${f.line}:${f.rule}`;
          const seen = new Set(found.map(key));
          const all = [...named, ...found, ...recorded.filter((r) => !seen.has(key(r)))];
          if (named.length > 0) for (const f of all) f.entry = name;
          return all.map((f) => ({ entry: name, code: 'leak' as const, message: describeLeak(f) }));
        },
      };
    },
  };
}

/** Scan every entry of a bundle (the run's own check, and tests); findings in entry order. */
export async function scanBundleForLeaks(
  file: string,
  o: LeakCheckOptions = {},
): Promise<LeakFinding[]> {
  if (o.pool?.started) return scanInWorkers(file, o, o.pool);
  const session = leakSession(o);
  const zip = await openZip(file);
  const out: LeakFinding[] = [];
  try {
    for (const entry of zip.entries) {
      if (entry.fileName.endsWith('/')) continue;
      o.signal?.throwIfAborted();
      out.push(...(await scanZipEntry(zip, entry, o, session)));
    }
  } finally {
    zip.close();
  }
  return out;
}

/** One entry's findings: its name, then its content (shown under the name with markers). */
export async function scanZipEntry(
  zip: OpenZip,
  entry: Entry,
  o: LeakCheckOptions,
  session: FullRedactionSession,
  stopped: () => boolean = () => false,
): Promise<LeakFinding[]> {
  const s = new EntryLeakScanner(entry.fileName, o, session);
  for await (const chunk of await zip.stream(entry)) {
    if (stopped()) return [];
    s.write(chunk as Buffer);
  }
  const named = nameLeaks(entry.fileName, session);
  const found = await s.end();
  if (named.length > 0) for (const f of found) f.entry = named[0]!.entry;
  return [...named, ...found];
}

/** The same scan, the entries spread over the run's lanes (pool.scan); findings in entry order. */
async function scanInWorkers(
  file: string,
  o: LeakCheckOptions,
  pool: RedactPool,
): Promise<LeakFinding[]> {
  const zip = await openZip(file);
  const indexes: number[] = [];
  zip.entries.forEach((e, i) => {
    if (!e.fileName.endsWith('/')) indexes.push(i);
  });
  const session = leakSession(o);
  const scanHere = (i: number) => scanZipEntry(zip, zip.entries[i]!, o, session);
  let found: Map<number, LeakFinding[]>;
  try {
    found = await pool.scan(
      file,
      indexes,
      {
        ...(o.keep ? { keep: [...o.keep] } : {}),
        ...(o.custom ? { custom: [...o.custom] } : {}),
        ...(o.hostLiterals ? { hostLiterals: [...o.hostLiterals] } : {}),
        ...(o.removed ? { removed: o.removed.share() } : {}),
      },
      scanHere,
      o.signal,
    );
  } finally {
    zip.close();
  }
  return indexes.flatMap((i) => {
    const f = found.get(i);
    if (!f)
      throw new CasepackError(
        'internal',
        `the leak check did not scan ${zip.entries[i]!.fileName}`,
      );
    return f;
  });
}
