// The plan's items as runner tasks, and its skipped items as manifest items.
import type { PlanItem, PlanSkipItem } from '../../common/collect/plan.js';
import type { ManifestItem } from '../../common/manifest/schema.js';
import type { TimeWindow } from '../../common/time/window.js';
import { ZoneClock } from '../../common/time/zone.js';
import { collectCommand } from './command-collector.js';
import { collectFile } from './file-collector.js';
import type { RunTask } from './runner.js';

export function skippedItem(i: PlanSkipItem): ManifestItem {
  return {
    id: i.id,
    spec: i.spec,
    type: i.type,
    ...(i.kind ? { kind: i.kind } : {}),
    source: i.source,
    ...(i.argv ? { argv: i.argv } : {}),
    status: i.status,
    reason: i.reason,
  };
}

/** One task per item to collect, in plan order (skipped items need no task). */
export function planTasks(items: readonly PlanItem[], window: TimeWindow): RunTask[] {
  const zones = new Map<string, ZoneClock>();
  const zone = (tz: string) => zones.get(tz) ?? zones.set(tz, new ZoneClock(tz)).get(tz)!;
  const tasks: RunTask[] = [];
  for (const item of items) {
    if (item.action === 'skip') continue;
    const failed = (reason: string): ManifestItem => ({
      id: item.id,
      spec: item.spec,
      type: item.type,
      ...(item.type === 'file' ? { kind: item.kind } : { argv: item.argv }),
      source: item.source,
      status: 'failed',
      reason,
    });
    tasks.push({
      id: item.id,
      estimatedBytes: item.estimatedBytes,
      failed,
      run:
        item.type === 'file'
          ? (ctx) =>
              collectFile(item, ctx, {
                since: window.since,
                until: window.until,
                zone: zone(item.timezone),
              })
          : (ctx) => collectCommand(item, ctx),
    });
  }
  return tasks;
}
