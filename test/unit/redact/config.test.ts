// Where a run's pseudonym categories come from: the site policy's are a floor that neither the
// user's settings nor `--pseudonymize` can lower.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../core/common/settings/schema.js';
import { resolveRedaction } from '../../../core/node/redact/config.js';
import { tempDir } from '../../support/tmp.js';

async function withPolicy(policy: string, own: object = {}): Promise<Settings> {
  const file = path.join(await tempDir(), 'redaction-policy.yaml');
  await writeFile(file, policy);
  return { redaction: { ...own, policy: file } } as Settings;
}

describe('pseudonym categories', () => {
  it('keeps the site policy categories on whatever --pseudonymize says', async () => {
    const s = await withPolicy('pseudonymize: [hosts]\n', { pseudonymize: ['ips'] });
    expect((await resolveRedaction(s, { pseudonymize: 'none' })).pseudonymize).toEqual(['hosts']);
    expect((await resolveRedaction(s, { pseudonymize: 'emails' })).pseudonymize).toEqual([
      'hosts',
      'emails',
    ]);
    // Without the flag, the user's settings add to the policy.
    expect((await resolveRedaction(s)).pseudonymize).toEqual(['hosts', 'ips']);
  });

  it('is off by default, and the flag alone switches categories on', async () => {
    const s = await withPolicy('keywords: [Acme]\n');
    expect((await resolveRedaction(s)).pseudonymize).toEqual([]);
    expect((await resolveRedaction(s, { pseudonymize: 'all' })).pseudonymize).toHaveLength(5);
  });
});
