// The pseudonyms' cache and the store's fingerprint table stay within their size whatever the
// number of distinct values, and never claim to know a value they were not given.
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../core/common/redact/bounded-cache.js';
import { FingerprintSet } from '../../../core/node/redact/fingerprint-set.js';

describe('BoundedCache', () => {
  it('holds at most its capacity and keeps what is used', () => {
    const c = new BoundedCache<string, number>(1000);
    for (let i = 0; i < 100_000; i++) {
      c.set(`v${i}`, i);
      expect(c.get('hot')).toBe(i === 0 ? undefined : 1);
      if (i === 0) c.set('hot', 1);
    }
    expect(c.size).toBeLessThanOrEqual(1000);
    expect(c.get('v99999')).toBe(99999);
    expect(c.get('v0')).toBeUndefined();
  });
});

describe('FingerprintSet', () => {
  it('stays under 8 MiB for two million strings and answers "known" only for added ones', () => {
    const s = new FingerprintSet();
    let fresh = 0;
    for (let i = 0; i < 2_000_000; i++) if (s.add(`{"token":"h-${i}","value":"n${i}"}`)) fresh++;
    expect(fresh).toBe(2_000_000);
    expect(s.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(s.size).toBeGreaterThan(700_000);
    // The first ones are held: adding them again is refused.
    for (let i = 0; i < 1000; i++) expect(s.add(`{"token":"h-${i}","value":"n${i}"}`)).toBe(false);
    for (let i = 0; i < 100_000; i++) expect(s.has(`other-${i}`)).toBe(false);
  });
});
