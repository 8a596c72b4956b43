// A secret in an entry's NAME (a cache directory named after a token, an upload stored under its
// access key) makes the bundle not releasable like one in its content, and no finding or message
// repeats it: the entry is shown with a marker in place of the secret.
import { describe, expect, it } from 'vitest';
import {
  describeLeak,
  leakVerifyCheck,
  scanBundleForLeaks,
} from '../../../core/node/redact/leak-check.js';
import { buildBundle } from '../../support/bundle-builder.js';
import { tempDir } from '../../support/tmp.js';

const TOKEN = 'ghp_Zr8QmV2xK5nT9wL3pB7cJ1dF6hY4sA0eG2uI';
const AWS_KEY = 'AKIAQ7RZ3MXK5VW2PLTN';

async function bundle(names: string[]): Promise<string> {
  return buildBundle(await tempDir(), Object.fromEntries(names.map((n) => [n, 'state=ok\n'])));
}

describe('leak check of entry names', () => {
  it('refuses a bundle whose entry names hold a token or a key, naming them with markers', async () => {
    const file = await bundle([
      `files/var/cache/app/token=${TOKEN}/state.json`,
      `files/srv/uploads/${AWS_KEY}/report.txt`,
      'files/etc/app/password_policy.conf',
      'commands/kubectl_get_secret_orders-db_-o_yaml',
    ]);
    const findings = await scanBundleForLeaks(file, {});
    const named = findings.filter((f) => f.line === 0);
    expect(named.map((f) => f.entry).sort()).toEqual([
      'files/srv/uploads/[REDACTED:aws-access-key-id]/report.txt',
      'files/var/cache/app/token=[REDACTED:token]/state.json',
    ]);
    for (const f of findings) {
      expect(f.entry).not.toContain(TOKEN);
      expect(describeLeak(f)).not.toContain(TOKEN);
      expect(describeLeak(f)).not.toContain(AWS_KEY);
    }
    expect(describeLeak(named[0]!)).toMatch(/name looks like a secret/);
  });

  it('reports it the same way in `casepack verify` (the VerifyCheck)', async () => {
    const check = leakVerifyCheck();
    const scan = check.scan({ name: `files/var/cache/token=${TOKEN}/state.json` });
    scan.write(Buffer.from('state=ok\n'));
    const problems = await scan.end();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.entry).toBe('files/var/cache/token=[REDACTED:token]/state.json');
    expect(JSON.stringify(problems)).not.toContain(TOKEN);
    const clean = check.scan({ name: 'files/etc/app/token_expiry.conf' });
    clean.write(Buffer.from('token_expiry=3600\n'));
    expect(await clean.end()).toEqual([]);
  });
});
