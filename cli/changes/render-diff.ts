// `casepack diff` for a person: what differs, grouped, with the configuration diffs in full.
import type { BundleDiff } from '../../core/common/changes/bundle-diff.js';

const show = (v: unknown) =>
  v === undefined ? '(absent)' : typeof v === 'string' ? v : JSON.stringify(v);

export function renderBundleDiff(d: BundleDiff): string {
  const out: string[] = [];
  out.push(`old: ${d.old.file} (${d.old.createdAt ?? '?'}, ${d.old.host ?? '?'})`);
  out.push(`new: ${d.new.file} (${d.new.createdAt ?? '?'}, ${d.new.host ?? '?'})`, '');
  out.push(
    `System report: ${d.system.length ? `${d.system.length} fields differ` : 'no differences'}`,
  );
  for (const f of d.system) out.push(`  ${f.section}: ${f.key}: ${show(f.old)} -> ${show(f.new)}`);
  out.push('', `Packages: ${d.packages.length ? `${d.packages.length} differ` : 'no differences'}`);
  for (const p of d.packages)
    out.push(
      p.change === 'changed'
        ? `  ${p.name}: ${p.old} -> ${p.new}`
        : `  ${p.name}: ${p.change} (${p.change === 'added' ? p.new : p.old})`,
    );
  out.push(
    '',
    `Configuration files: ${d.config.length ? `${d.config.length} differ` : 'no differences'}`,
  );
  for (const c of d.config) {
    const counts = c.linesAdded !== undefined ? ` (+${c.linesAdded} -${c.linesRemoved})` : '';
    out.push(`  ${c.path}: ${c.change}${counts}${c.note ? `: ${c.note}` : ''}`);
  }
  for (const c of d.config) if (c.diff) out.push('', c.diff.trimEnd());
  if (d.notes.length) out.push('', 'Notes:', ...d.notes.map((n) => `  ${n}`));
  return `${out.join('\n')}\n`;
}
