// The files the user attached to the case (a reproducible test case, screenshots, exports) into
// the bundle: screenshots under screenshots/, the rest under attachments/. Read like any collected
// file (streamed, through the redactor; binary files copied and marked as not redacted), never
// windowed, and skipped whole rather than cut when over the cap (half a test case helps nobody).
// A missing or unreadable attachment is one manifest entry saying why; the bundle goes on.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PlanFileItem } from '../../common/collect/plan.js';
import type { CaseAttachment } from '../../common/case/schema.js';
import { errorMessage } from '../../common/errors.js';
import type { ManifestItem } from '../../common/manifest/schema.js';
import { ZoneClock } from '../../common/time/zone.js';
import type { CollectPart } from '../collect/collect.js';
import { collectFile } from '../collect/file-collector.js';
import { BUILTIN_FORBID } from '../collect/plan.js';
import { globList } from '../collect/walk.js';
import { safeName } from '../draft/files.js';

/** Largest attachment taken into a bundle. */
export const MAX_ATTACHMENT_BYTES = 256 * 1024 * 1024;

const IMAGE = /\.(png|jpe?g|gif|webp)$/i;

function entryName(a: CaseAttachment, used: Set<string>): string {
  const shot = a.kind === 'screenshot' || (a.kind === undefined && IMAGE.test(a.path));
  const dir = shot ? 'screenshots' : 'attachments';
  const name = safeName(a.path);
  let entry = `${dir}/${name}`;
  for (let n = 2; used.has(entry); n++) entry = `${dir}/${n}-${name}`;
  used.add(entry);
  return entry;
}

/**
 * `baseDir`: where relative attachment paths are read from (the case file's folder). `forbid`: the
 * collection's own forbidden paths (casepack's data directory, credential files): an attachment is
 * checked against them and the built-in list, through links too, like any collected file.
 */
export function attachmentsPart(
  attachments: readonly CaseAttachment[],
  baseDir: string,
  forbid: readonly string[] = [],
): CollectPart {
  const forbidden = globList([...BUILTIN_FORBID, ...forbid]);
  return {
    id: 'attachments',
    async write({ sink, session, signal }) {
      const items: ManifestItem[] = [];
      const used = new Set<string>();
      for (const [i, a] of attachments.entries()) {
        signal.throwIfAborted();
        const source = path.resolve(baseDir, a.path);
        const entry = entryName(a, used);
        const type = entry.startsWith('screenshots/') ? 'screenshot' : 'attachment';
        const id = `attachment-${i + 1}`;
        const st = await stat(source).catch((e: unknown) => e as NodeJS.ErrnoException);
        if (st instanceof Error || !st.isFile()) {
          const reason =
            st instanceof Error
              ? st.code === 'ENOENT'
                ? 'the attached file does not exist'
                : `cannot read the attached file: ${errorMessage(st)}`
              : 'not a regular file: attach a file, not a folder or device';
          items.push({ id, type, source, status: 'failed', reason });
          continue;
        }
        const real = await realpath(source).catch(() => source);
        const rule = forbidden(source) ?? forbidden(real);
        if (rule) {
          const reason = `forbidden by the rule "${rule}": casepack never puts this file in a bundle`;
          items.push({ id, type, source, status: 'skipped', reason });
          continue;
        }
        const item: PlanFileItem = {
          type: 'file',
          action: 'collect',
          id,
          spec: 'case attachments',
          profile: 'case',
          kind: 'other',
          source,
          path: entry,
          size: st.size,
          mtime: st.mtime.toISOString(),
          estimatedBytes: Math.min(st.size, MAX_ATTACHMENT_BYTES),
          maxBytes: MAX_ATTACHMENT_BYTES,
          overLimit: 'skip',
          window: false,
          timezone: 'UTC',
        };
        const got = await collectFile(
          item,
          { sink, session, signal, onBytes: () => undefined },
          { since: 0, until: Number.MAX_SAFE_INTEGER, zone: new ZoneClock('UTC') },
        );
        items.push({ ...got, type });
      }
      return { items };
    },
  };
}
