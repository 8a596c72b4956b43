// A RedactionSession for one run (a collection or a scrub): one compiled pack shared by every
// item's Transform, run-wide counts, and the hashes of every removed value for the leak check.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { CasepackError } from '../../common/errors.js';
import { CustomRuleError } from '../../common/redact/rules/custom.js';
import { parsePseudonymize, type PseudonymCategory } from '../../common/redact/policy.js';
import { Pseudonymizer } from '../../common/redact/pseudonyms.js';
import { pseudonymKeys } from './site-key.js';
import { ChunkRedactor } from '../../common/redact/engine.js';
import { buildPack, type PackConfig, type RedactionPack } from '../../common/redact/pack.js';
import { fileKindRule } from '../../common/redact/rules/file-kinds.js';
import type { Rule } from '../../common/redact/types.js';
import { latin1Codec, RedactTransform, StreamRedactor } from './redacting-stream.js';
import type { RemovedValues } from './removed-values.js';
import type { ItemRedactionResult, RedactingStream, RedactionSession } from './types.js';

export interface SessionOptions extends PackConfig {
  /** Keeps a hash of every removed value for the leak check. */
  removed?: RemovedValues;
  /** Pseudonymisation (core/node/redact/pseudonymization.ts); absent: identifying values stay. */
  pseudonyms?: Pseudonymizer;
  /**
   * Categories to pseudonymise with a throw-away key when `pseudonyms` is not given (for
   * measurements: nothing can be looked up afterwards). `all` or a list.
   */
  pseudonymize?: string | readonly PseudonymCategory[];
  /** Marker names switched off for redaction (the leak check still looks for them). */
  disable?: readonly string[];
  /** Receives each removed value (to keep its hash); never store the value itself. */
  onRemoved?(value: string, rule: string): void;
}

export interface FullRedactionSession extends RedactionSession {
  readonly pack: RedactionPack;
  /** Per item (by id): counts and skipped, for the manifest's redaction report. */
  items(): Map<string, ItemRedactionResult>;
  /** How to name this host in the bundle name and manifest (its pseudonym when hosts is on). */
  hostLabel(host: string): string;
  readonly pseudonymizer?: Pseudonymizer;
  /** The bare redactor a stream of `source` uses (workers and pooled streams drive it). */
  redactor(source: string): StreamRedactor;
  /** Count a finished item redacted outside stream() (by a worker). */
  record(id: string, result: ItemRedactionResult): void;
}

export function createRedactionSession(opts: SessionOptions = {}): FullRedactionSession {
  let pz = opts.pseudonyms;
  if (!pz && opts.pseudonymize !== undefined) {
    const cats = parsePseudonymize(
      typeof opts.pseudonymize === 'string' ? opts.pseudonymize : [...opts.pseudonymize],
    );
    if (cats.length > 0)
      pz = new Pseudonymizer(pseudonymKeys(randomBytes(32)), new Set(cats), {
        hostNames: [os.hostname()],
        domains: [],
        users: [],
        keywords: [],
      });
  }
  const pz_ = pz?.rules();
  let pack: RedactionPack;
  try {
    pack = buildPack({
      ...opts,
      extraRules: [...(pz_?.rules ?? []), ...(opts.extraRules ?? [])],
      finders: pz_?.finders,
    });
  } catch (e) {
    if (e instanceof CustomRuleError)
      throw new CasepackError('config', e.message, `redaction.rules.${e.ruleId}`);
    throw e;
  }
  const disabled = new Set(opts.disable ?? []);
  const removed = opts.removed;
  const onRemoved =
    removed || opts.onRemoved
      ? (value: string, rule: string) => {
          removed?.add(value);
          opts.onRemoved?.(value, rule);
        }
      : undefined;
  const totals: Record<string, number> = {};
  const items = new Map<string, ItemRedactionResult>();
  const add = (counts: Record<string, number>): void => {
    for (const [k, v] of Object.entries(counts)) totals[k] = (totals[k] ?? 0) + v;
  };
  const lineOpts = (source: string): { fileRule?: Rule; fileName: string } => {
    const fileName = path.basename(source).toLowerCase();
    return { fileName, fileRule: fileKindRule(fileName) };
  };
  const record = (id: string, result: ItemRedactionResult): void => {
    add(result.counts);
    items.set(id, result);
  };
  return {
    pack,
    pseudonymizer: pz,
    redactor(source) {
      return new StreamRedactor(pack.compiled, {
        ...lineOpts(source),
        classifyKey: pack.classifyKey,
        onRemoved,
        disabled,
      });
    },
    record,
    hostLabel(host) {
      return pz?.categories.has('hosts') ? pz.host(host) : host;
    },
    stream(item): RedactingStream {
      return new RedactTransform(pack.compiled, {
        ...lineOpts(item.source),
        classifyKey: pack.classifyKey,
        onRemoved,
        disabled,
        onDone: (result) => record(item.id, result),
      });
    },
    redactText(text, item) {
      const { fileRule, fileName } = lineOpts(item.source);
      const engine = new ChunkRedactor(
        pack.compiled,
        latin1Codec,
        { classifyKey: pack.classifyKey, onRemoved, disabled, fileName },
        fileRule,
      );
      const bytes = Buffer.from(text, 'utf8');
      const r = engine.process(bytes, 0, bytes.length);
      const out = r.changed ? Buffer.concat(r.pieces).toString('utf8') : text;
      const counts = { ...engine.counts };
      add(counts);
      items.set(item.id, { counts });
      return { text: out, counts };
    },
    totals() {
      return { ...totals };
    },
    items() {
      return items;
    },
  };
}
