// Items the user switched off in the plan (the UI's checkboxes): they become skip items, so the
// manifest still lists each with why it is not in the bundle.
import {
  planTotals,
  SWITCHED_OFF,
  type Plan,
  type PlanItem,
  type PlanSkipItem,
} from '../../common/collect/plan.js';

export function switchOff(plan: Plan, ids: readonly string[] | undefined): Plan {
  if (!ids?.length) return plan;
  const off = new Set(ids);
  const items = plan.items.map((i): PlanItem => {
    if (i.action === 'skip' || !off.has(i.id)) return i;
    const skip: PlanSkipItem = {
      id: i.id,
      spec: i.spec,
      profile: i.profile,
      type: i.type,
      ...(i.type === 'file' ? { kind: i.kind } : { argv: i.argv }),
      source: i.source,
      action: 'skip',
      status: 'skipped',
      reason: SWITCHED_OFF,
    };
    return skip;
  });
  return { ...plan, items, totals: planTotals(items) };
}
