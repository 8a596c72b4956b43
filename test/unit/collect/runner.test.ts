import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TypedEmitter, type CasepackEvents } from '../../../core/common/events.js';
import type { ManifestItem } from '../../../core/common/manifest/schema.js';
import { runTasks, type RunTask } from '../../../core/node/collect/runner.js';
import { planTasks } from '../../../core/node/collect/tasks.js';
import { identitySession } from '../../../core/node/redact/identity.js';
import { fileItem } from '../../support/collect-helpers.js';
import { MemorySink } from '../../support/memory-sink.js';
import { tempDir } from '../../support/tmp.js';

describe('runner', () => {
  it('runs items with bounded concurrency; one that throws becomes a failed item and the rest go on', async () => {
    const dir = await tempDir();
    const files = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        const f = path.join(dir, `f${i}.txt`);
        await writeFile(f, `file ${i}\n`.repeat(1000));
        return fileItem(f, { kind: 'other', window: false, path: `files/f${i}.txt` });
      }),
    );
    const window = { since: 0, until: Date.now(), timezone: 'UTC' };
    let running = 0;
    let peak = 0;
    const tasks: RunTask[] = planTasks(files, window).map((t) => ({
      ...t,
      run: async (ctx) => {
        running++;
        peak = Math.max(peak, running);
        try {
          if (t.id.endsWith('f3.txt')) throw new Error('something odd');
          return await t.run(ctx);
        } finally {
          running--;
        }
      },
    }));
    const events = new TypedEmitter<CasepackEvents>();
    const done: ManifestItem[] = [];
    const progress: number[] = [];
    events.on('collect:item', (e) => done.push(e.item));
    events.on('collect:progress', (p) => progress.push(p.itemsDone));
    const sink = new MemorySink();
    const items = await runTasks(tasks, {
      runId: 'r',
      concurrency: 2,
      sink,
      session: identitySession(),
      events,
    });
    expect(peak).toBe(2);
    expect(items.map((i) => i.status)).toEqual([
      'collected',
      'collected',
      'failed',
      'collected',
      'collected',
    ]);
    expect(items[2]!.reason).toBe('internal error: something odd');
    expect(done).toHaveLength(5);
    expect(progress.at(-1)).toBe(5);
    expect(sink.entries.size).toBe(4);
  });
});
