import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectCommand } from '../../../core/node/collect/command-collector.js';
import { collectorContext, commandItem } from '../../support/collect-helpers.js';
import { alive } from '../../support/proc.js';
import { tempDir } from '../../support/tmp.js';

const cmd = commandItem;

describe('command collector', () => {
  it('records output from stdout and stderr in order, with the exit code', async () => {
    const ctx = collectorContext();
    const item = await collectCommand(
      cmd('mixed', ['sh', '-c', 'echo out1; echo err1 >&2; sleep 0.1; echo out2; exit 3']),
      ctx,
    );
    expect(item).toMatchObject({
      status: 'collected',
      exitCode: 3,
      reason: 'exited with code 3',
      timedOut: false,
    });
    expect(ctx.sink.text('commands/mixed.txt')).toBe('out1\nerr1\nout2\n');
  });

  it('kills a hanging command with its whole process group at the timeout', async () => {
    const dir = await tempDir();
    const pidFile = path.join(dir, 'grandchild.pid');
    const ctx = collectorContext();
    // The grandchild ignores TERM, so only the KILL to the group ends it.
    const script = `sh -c 'trap "" TERM; echo $$ > ${pidFile}; while :; do sleep 1; done' & echo started; wait`;
    const item = await collectCommand(cmd('hang', ['sh', '-c', script], { timeoutMs: 1000 }), ctx);
    expect(item).toMatchObject({ status: 'failed', timedOut: true });
    expect(item.reason).toMatch(/^timed out after 1s: killed with its whole process group/);
    expect(ctx.sink.text('commands/hang.txt')).toBe('started\n');
    const grandchild = Number(await readFile(pidFile, 'utf8'));
    expect(grandchild).toBeGreaterThan(1);
    expect(alive(grandchild)).toBe(false);
  });

  it('caps a flooding command at maxBytes and stops it', async () => {
    const ctx = collectorContext();
    const item = await collectCommand(cmd('flood', ['yes', 'flood'], { maxBytes: 100_000 }), ctx);
    expect(item.status).toBe('truncated');
    expect(item.reason).toMatch(/output over maxBytes 97.7 KiB/);
    expect(item.size).toBe(100_000);
    expect(ctx.sink.text('commands/flood.txt').startsWith('flood\nflood\n')).toBe(true);
  });

  it('says "command not found" for a missing program; optional ones are skipped', async () => {
    const ctx = collectorContext();
    const missing = await collectCommand(cmd('nope', ['casepack-no-such-program', '-v']), ctx);
    expect(missing).toMatchObject({
      status: 'failed',
      reason: 'command not found: casepack-no-such-program',
    });
    expect(missing.path).toBeUndefined();
    const optional = await collectCommand(
      cmd('opt', ['casepack-no-such-program'], { optional: true }),
      ctx,
    );
    expect(optional).toMatchObject({
      status: 'skipped',
      reason: 'command not found: casepack-no-such-program',
    });
    expect(ctx.sink.entries.size).toBe(0);
  });

  it('reports a command killed by a signal', async () => {
    const ctx = collectorContext();
    const item = await collectCommand(cmd('segv', ['sh', '-c', 'echo before; kill -SEGV $$']), ctx);
    expect(item).toMatchObject({
      status: 'failed',
      reason: 'killed by SIGSEGV',
      signal: 'SIGSEGV',
    });
    expect(ctx.sink.text('commands/segv.txt')).toBe('before\n');
  });
});
