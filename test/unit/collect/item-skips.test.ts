// Skipping items of a running collection: real commands that hang, one skipped while it runs and
// one skipped while it still waits for a free slot; the run goes on and both end as `skipped`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanCommandItem } from '../../../core/common/collect/plan.js';
import { TypedEmitter, type CasepackEvents } from '../../../core/common/events.js';
import { ItemSkips } from '../../../core/node/collect/item-skips.js';
import { runTasks } from '../../../core/node/collect/runner.js';
import { planTasks } from '../../../core/node/collect/tasks.js';
import { identitySession } from '../../../core/node/redact/identity.js';
import { alive } from '../../support/proc.js';
import { MemorySink } from '../../support/memory-sink.js';
import { tempDir } from '../../support/tmp.js';
import { commandItem } from '../../support/collect-helpers.js';

// Long timeouts: these commands end only when the user skips them.
function command(id: string, argv: string[]): PlanCommandItem {
  return commandItem(id, argv, { timeoutMs: 30 * 60_000, estimatedBytes: 1 << 16 });
}

describe('skipping items while a collection runs', () => {
  it('stops a running hung command, never starts a waiting one, and finishes the rest', async () => {
    const pidFile = path.join(await tempDir(), 'hang.pid');
    const items = [
      command('hang', ['sh', '-c', `echo started; echo $$ > ${pidFile}; exec sleep 600`]),
      command('waiting', ['sleep', '600']),
      command('hello', ['echo', 'hello']),
    ];
    const window = { since: 0, until: Date.now(), timezone: 'UTC' };
    const events = new TypedEmitter<CasepackEvents>();
    const skips = new ItemSkips();
    const sink = new MemorySink();
    // One slot: `waiting` and `hello` wait while `hang` runs.
    events.on('collect:progress', (p) => {
      if (p.current.includes('hang') && !skips.list().length) {
        skips.skip('waiting');
        // Once the command has printed (and written its pid), stop it: its output so far is kept.
        const poll = () =>
          readFile(pidFile, 'utf8').then(
            (t) => (t.endsWith('\n') ? skips.skip('hang') : setTimeout(poll, 50)),
            () => setTimeout(poll, 50),
          );
        void poll();
      }
    });
    const ran = await runTasks(planTasks(items, window), {
      runId: 'r',
      concurrency: 1,
      sink,
      session: identitySession(),
      events,
      skips,
    });
    expect(ran.map((i) => [i.id, i.status])).toEqual([
      ['hang', 'skipped'],
      ['waiting', 'skipped'],
      ['hello', 'collected'],
    ]);
    expect(ran[0]!.reason).toMatch(
      /^skipped by the user after .*; the command was killed with its group; kept the .* it had produced$/,
    );
    expect(ran[1]!.reason).toBe('skipped by the user before it started');
    expect(ran[1]!.path).toBeUndefined();
    const out = sink.entries.get('commands/hang.txt')!.data!.toString();
    expect(out).toBe('started\n');
    // The shell exec'd sleep: the pid it wrote is the sleep's, and it is gone.
    expect(alive(Number(await readFile(pidFile, 'utf8')))).toBe(false);
    expect(sink.entries.get('commands/hello.txt')!.data!.toString()).toBe('hello\n');
  });
});
