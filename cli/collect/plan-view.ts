// The plan as a person reads it on a terminal: what will be collected (with estimated sizes), what
// is left out and why, and the totals.
import type { Plan, PlanItem } from '../../core/common/collect/plan.js';
import { formatBytes } from '../../core/common/units.js';

function what(i: PlanItem): string {
  if (i.type === 'command') return i.argv ? i.argv.join(' ') : i.source;
  return i.source;
}

export function formatPlan(plan: Plan, opts: { width?: number } = {}): string {
  const width = opts.width ?? 100;
  const clip = (s: string) => (s.length > width ? `${s.slice(0, width - 1)}…` : s);
  const lines: string[] = [];
  for (const p of plan.profiles)
    lines.push(
      `Profile ${p.name} (${p.source})${p.applies ? '' : `: does not seem to apply here (${p.appliesReason})`}`,
    );
  lines.push(
    `Window  ${plan.window.since} .. ${plan.window.until} (logs only; zone-less times read as ${plan.window.timezone})`,
  );
  lines.push('');
  const collect = plan.items.filter((i) => i.action === 'collect');
  if (collect.length) {
    lines.push('Will collect (estimated size, at most):');
    for (const i of collect) {
      const size =
        i.type === 'file' ? formatBytes(i.estimatedBytes) : `≤${formatBytes(i.maxBytes)}`;
      const tag = i.type === 'file' ? (i.window ? 'log' : i.kind) : 'cmd';
      lines.push(clip(`  ${tag.padEnd(6)} ${size.padStart(10)}  ${what(i)}`));
    }
  }
  const left = plan.items.filter((i) => i.action === 'skip');
  if (left.length) {
    lines.push('', 'Left out:');
    for (const i of left)
      lines.push(
        clip(
          i.type === 'command' || i.id === i.spec
            ? `  ${i.status.padEnd(7)} ${i.spec}: ${i.reason}`
            : `  ${i.status.padEnd(7)} ${i.reason}: ${i.source}`,
        ),
      );
  }
  const t = plan.totals;
  lines.push(
    '',
    `${t.files} files and ${t.commands} commands, about ${formatBytes(t.estimatedBytes)} before compression; ${t.skipped} skipped, ${t.failed} failed. The system report is added to every bundle.`,
  );
  return lines.join('\n') + '\n';
}
