// The last steps of every item: its bytes through the redaction session, then into the bundle.
import { pipeline, type Readable } from 'node:stream';
import { isCasepackError } from '../../common/errors.js';
import type { ManifestItem } from '../../common/manifest/schema.js';
import type { EntryOptions } from '../bundle/types.js';
import { SinkError, type CollectorContext } from './collector-context.js';

const BUNDLE_ERRORS = new Set(['disk-full', 'permission', 'io']);

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
    // The bundle file itself failed (disk full, unwritable, I/O): nothing later can be written.
    // Anything else (the redactor failed on this content) costs only this item: the writer has
    // removed the entry, and the runner records the error as the item's reason.
    if (isCasepackError(e) && BUNDLE_ERRORS.has(e.code)) throw new SinkError(e);
    throw e;
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
