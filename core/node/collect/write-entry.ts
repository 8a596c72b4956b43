// The last steps of every item: its bytes through the redaction session, then into the bundle.
import { pipeline, type Readable } from 'node:stream';
import type { ManifestItem } from '../../common/manifest/schema.js';
import type { EntryOptions } from '../bundle/types.js';
import { SinkError, type CollectorContext } from './collector-context.js';

export async function writeEntry(
  ctx: CollectorContext,
  item: { id: string; source: string; kind?: string | undefined },
  name: string,
  source: Readable,
  opts: EntryOptions,
): Promise<Pick<ManifestItem, 'path' | 'size' | 'compressedSize' | 'sha256' | 'redaction'>> {
  const redactor = ctx.session.stream({ id: item.id, source: item.source, kind: item.kind });
  // Errors surface through addEntry (the writer sees the stream fail); sources never throw.
  pipeline(source, redactor, () => undefined);
  let entry;
  try {
    entry = await ctx.sink.addEntry(name, redactor, opts);
  } catch (e) {
    source.destroy();
    throw new SinkError(e);
  }
  const red = redactor.result();
  return {
    path: entry.name,
    size: entry.size,
    compressedSize: entry.compressedSize,
    sha256: entry.sha256,
    redaction:
      red.skipped === undefined
        ? { counts: red.counts }
        : { counts: red.counts, skipped: red.skipped },
  };
}
