// Plain-text views of `casepack verify` and `casepack inspect` for a terminal (with --json the
// commands print the objects themselves).
import type { BundleInspection, VerifyReport } from '../../core/common/api/bundle.js';
import { formatBytes } from '../../core/common/units.js';

export function renderVerify(r: VerifyReport): string {
  if (r.ok) {
    const extra = r.checks.length ? `; checks: ${r.checks.join(', ')}` : '';
    return (
      `OK ${r.bundle}\n` +
      `  ${r.entries} entries; ${r.itemsChecked} items match manifest.json (size and sha256), ` +
      `${formatBytes(r.bytes)} read, CRCs intact${extra}\n`
    );
  }
  const n = r.problems.length;
  return (
    `FAILED ${r.bundle}: ${n} problem${n === 1 ? '' : 's'}\n` +
    r.problems.map((p) => `  ${p.message}\n`).join('')
  );
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

export function renderInspect(b: BundleInspection): string {
  const out: string[] = [];
  const kv = (k: string, v: string) => out.push(`${pad(k, 10)} ${v}`);
  kv('Bundle', `${b.bundle} (${formatBytes(b.size)}, ${b.entries} entries)`);
  kv(
    'Case',
    b.case?.caseNumber
      ? `update of case ${b.case.caseNumber}${b.case.referenceId ? ` (reference ${b.case.referenceId})` : ''}`
      : 'new case',
  );
  kv(
    'Host',
    `${b.host}${b.platform ? ` (${b.platform})` : ''}${b.hostPseudonymized ? ', pseudonymised' : ''}`,
  );
  kv('Created', `${b.createdAt} by ${b.tool} (bundle format ${b.formatVersion})`);
  kv('Profiles', b.profiles.map((p) => p.name).join(', ') || '(none)');
  kv('Window', `${b.window.since} to ${b.window.until} (${b.window.timezone}), log files only`);
  const c = b.counts;
  const data = b.items.filter((i) => i.type !== 'meta');
  kv(
    'Items',
    `${data.length}: ${c.collected} collected, ${c.truncated} truncated, ${c.skipped} skipped, ${c.failed} failed; ${formatBytes(b.bytes)} before compression`,
  );
  const attention = data.filter((i) => i.status !== 'collected');
  if (attention.length) {
    out.push('', 'Missing or cut:');
    for (const i of attention)
      out.push(`  ${pad(i.status, 10)} ${i.path ?? i.source}${i.reason ? `: ${i.reason}` : ''}`);
  }
  if (b.redaction) {
    const rules = Object.entries(b.redaction.counts).sort((x, y) => y[1] - x[1]);
    out.push(
      '',
      `Redaction: ${b.redaction.total} value${b.redaction.total === 1 ? '' : 's'} replaced`,
    );
    if (rules.length) out.push(`  ${rules.map(([r, n]) => `${r} ${n}`).join(', ')}`);
    for (const n of b.redaction.notRedacted)
      out.push(`  not redacted: ${n.path ?? n.source} (${n.why})`);
    if (b.redaction.pseudonymized?.length)
      out.push(`  pseudonymised: ${b.redaction.pseudonymized.join(', ')}`);
  }
  if (b.leaks?.length) {
    out.push(
      '',
      `NOT RELEASABLE: the leak check found ${b.leaks.length} place${b.leaks.length === 1 ? '' : 's'} that may still hold a secret (casepack verify fails; no submitter sends it):`,
    );
    for (const l of b.leaks) out.push(`  ${l.entry}:${l.line} (rule ${l.rule})`);
  }
  out.push('', 'Items:');
  for (const i of data) {
    const notes = [i.window, i.redactions ? `${i.redactions} redacted` : ''].filter(Boolean);
    const size = i.size === undefined ? '' : formatBytes(i.size);
    const where =
      i.path && i.path !== i.source ? `${i.path}  <- ${i.source}` : (i.path ?? i.source);
    out.push(
      `  ${pad(i.status, 10)} ${pad(size, 10)} ${where}${notes.length ? `  [${notes.join('; ')}]` : ''}`,
    );
  }
  const meta = b.items.filter((i) => i.type === 'meta').map((i) => i.path ?? i.source);
  out.push('', `Also in the bundle: ${[...meta, 'manifest.json'].join(', ')}`);
  return out.join('\n') + '\n';
}
