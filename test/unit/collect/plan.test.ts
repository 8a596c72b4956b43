import { execFileSync } from 'node:child_process';
import { mkdir, symlink, utimes, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanItem } from '../../../core/common/collect/plan.js';
import { buildPlan } from '../../../core/node/collect/plan.js';
import { hostFacts } from '../../../core/node/profiles/host-facts.js';
import { loadProfile } from '../../../core/node/profiles/load.js';
import { tempDir } from '../../support/tmp.js';

const now = Date.now();
const window = { since: now - 72 * 3_600_000, until: now, timezone: 'UTC' };

async function planFor(dir: string, yaml: string) {
  const f = path.join(dir, 'profile.yaml');
  await writeFile(f, yaml);
  return buildPlan({
    profiles: [await loadProfile(f)],
    window,
    facts: hostFacts({}),
    hostZone: 'UTC',
    now,
  });
}
const line = (dir: string) => (i: PlanItem) =>
  `${i.action === 'skip' ? i.status : 'collect'} ${i.source.split(dir).join('')}${i.action === 'skip' ? `: ${i.reason}` : ''}`;

describe('plan', () => {
  it('lists special files, loops, forbidden and unmatched paths with reasons, and never opens them', async () => {
    const dir = await tempDir();
    const logs = path.join(dir, 'logs');
    await mkdir(path.join(logs, 'sub'), { recursive: true });
    await writeFile(path.join(logs, 'app.log'), 'x\n');
    await writeFile(path.join(logs, 'keystore.jks'), 'secret');
    await writeFile(path.join(dir, 'shadow'), 'secret');
    await symlink(path.join(dir, 'shadow'), path.join(logs, 'innocent.log'));
    execFileSync('mkfifo', [path.join(logs, 'pipe.log')]);
    execFileSync('mknod', [path.join(logs, 'null.log'), 'c', '1', '3']);
    await symlink(logs, path.join(logs, 'sub', 'loop'));
    const server = net.createServer().listen(path.join(logs, 'sock.log'));
    await new Promise((r) => server.once('listening', r));
    try {
      const plan = await planFor(
        dir,
        [
          'name: t',
          'files:',
          `  - { id: logs, kind: log, paths: ["${logs}/**"] }`,
          `  - { id: none, paths: ["${dir}/nothing/*.log"] }`,
          `forbid: ["**/*.jks", "${dir}/shadow"]`,
        ].join('\n'),
      );
      expect(plan.items.map(line(dir))).toEqual([
        'collect /logs/app.log',
        `skipped /logs/innocent.log: a link to ${dir}/shadow, forbidden by the rule "${dir}/shadow"`,
        'skipped /logs/keystore.jks: forbidden by the rule "**/*.jks"',
        'skipped /logs/null.log: not a regular file (character device): never opened',
        'skipped /logs/pipe.log: not a regular file (FIFO): never opened',
        'skipped /logs/sock.log: not a regular file (socket): never opened',
        'skipped /logs/sub/loop: symlink loop: this directory is one of its own parents',
        'skipped /nothing/*.log: nothing matches',
      ]);
      expect(plan.totals).toMatchObject({ files: 1, skipped: 7, failed: 0 });
    } finally {
      server.close();
    }
  });

  it('keeps the newest files up to maxFiles, skips old files by maxAge, honours exclude, collects a file once', async () => {
    const dir = await tempDir();
    for (let i = 1; i <= 5; i++) {
      const f = path.join(dir, `app.log.${i}`);
      await writeFile(f, `rotated ${i}\n`);
      const t = (now - i * 86_400_000 - 43_200_000) / 1000;
      await utimes(f, t, t);
    }
    const plan = await planFor(
      dir,
      [
        'name: t',
        'files:',
        `  - { id: a, paths: ["${dir}/app.log.*"], maxFiles: 2, maxAge: 4d, exclude: ["**/app.log.5"] }`,
        `  - { id: b, paths: ["${dir}/app.log.1"] }`,
      ].join('\n'),
    );
    expect(plan.items.map(line(dir))).toEqual([
      'collect /app.log.1',
      'collect /app.log.2',
      'skipped /app.log.3: over maxFiles 2 for a: older files left out',
      'skipped /app.log.4: not modified within maxAge 4d',
    ]);
  });
});
