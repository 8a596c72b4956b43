// What `casepack collect` says when the leak check of the written bundle found something. The
// bundle stays (collect exits 0 whenever it wrote one), so the message must leave no doubt that it
// cannot be sent as it is, and what to do. With --json the same facts are `releasable` and `leaks`.
import type { CollectResult } from '../../core/common/api/collect.js';
import { describeLeak } from '../../core/node/redact/leak-check.js';

const SHOWN = 10;

export function formatLeakWarning(res: CollectResult): string {
  const leaks = res.leaks ?? [];
  const n = leaks.length;
  const lines = [
    `casepack: NOT RELEASABLE: the leak check found ${n} place${n === 1 ? '' : 's'} in the bundle that may still hold a secret${res.leaks?.some((l) => l.rule === 'host-identity') ? " or this host's own name or address" : ''}:`,
    ...leaks.slice(0, SHOWN).map((l) => `  ${describeLeak(l)}`),
    ...(n > SHOWN ? [`  ... and ${n - SHOWN} more (casepack verify lists them all)`] : []),
    'The bundle is kept for you to look at, and it records these findings: casepack verify fails on',
    'it and no submitter will send it. Add a redaction rule or keep entry (docs/redaction.md) and',
    'collect again, or remove those entries in the review.',
  ];
  return lines.join('\n') + '\n';
}
