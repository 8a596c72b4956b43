// A RedactionSession for one run (a collection or a scrub): one compiled pack shared by every
// item's Transform, run-wide counts, and the hashes of every removed value for the leak check.
import path from 'node:path';
import { ChunkRedactor } from '../../common/redact/engine.js';
import { buildPack, type PackConfig, type RedactionPack } from '../../common/redact/pack.js';
import { fileKindRule } from '../../common/redact/rules/file-kinds.js';
import type { Rule } from '../../common/redact/types.js';
import { latin1Codec, RedactTransform } from './redacting-stream.js';
import type { ItemRedactionResult, RedactingStream, RedactionSession } from './types.js';

export interface SessionOptions extends PackConfig {
  /** Marker names switched off for redaction (the leak check still looks for them). */
  disable?: readonly string[];
  /** Receives each removed value (to keep its hash); never store the value itself. */
  onRemoved?(value: string, rule: string): void;
}

export interface FullRedactionSession extends RedactionSession {
  readonly pack: RedactionPack;
  /** Per item (by id): counts and skipped, for the manifest's redaction report. */
  items(): Map<string, ItemRedactionResult>;
}

export function createRedactionSession(opts: SessionOptions = {}): FullRedactionSession {
  const pack = buildPack(opts);
  const disabled = new Set(opts.disable ?? []);
  const totals: Record<string, number> = {};
  const items = new Map<string, ItemRedactionResult>();
  const add = (counts: Record<string, number>): void => {
    for (const [k, v] of Object.entries(counts)) totals[k] = (totals[k] ?? 0) + v;
  };
  const lineOpts = (source: string): { fileRule?: Rule; fileName: string } => {
    const fileName = path.basename(source).toLowerCase();
    return { fileName, fileRule: fileKindRule(fileName) };
  };
  return {
    pack,
    stream(item): RedactingStream {
      return new RedactTransform(pack.compiled, {
        ...lineOpts(item.source),
        classifyKey: pack.classifyKey,
        onRemoved: opts.onRemoved,
        disabled,
        onDone(result) {
          add(result.counts);
          items.set(item.id, result);
        },
      });
    },
    redactText(text, item) {
      const { fileRule, fileName } = lineOpts(item.source);
      const engine = new ChunkRedactor(
        pack.compiled,
        latin1Codec,
        { classifyKey: pack.classifyKey, onRemoved: opts.onRemoved, disabled, fileName },
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
