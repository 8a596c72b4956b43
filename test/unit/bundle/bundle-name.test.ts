import { describe, expect, it } from 'vitest';
import { bundleName } from '../../../core/node/bundle/bundle-name.js';

const at = new Date('2026-11-27T08:15:30.123Z');

describe('bundle name', () => {
  it('is casepack-<case or NEW>-<host>-<UTC stamp>.zip', () => {
    expect(bundleName({ host: 'web-01', createdAt: at })).toBe(
      'casepack-NEW-web-01-20261127T081530Z.zip',
    );
    expect(bundleName({ caseNumber: '123456', host: 'db1.example.com', createdAt: at })).toBe(
      'casepack-123456-db1.example.com-20261127T081530Z.zip',
    );
  });

  it('uses UTC whatever the local time zone', () => {
    const local = new Date(2026, 10, 27, 23, 59, 59); // local time
    expect(bundleName({ host: 'h', createdAt: local })).toContain(
      `-${local.toISOString().slice(0, 10).replace(/-/g, '')}T`,
    );
  });

  it('keeps only characters every file system and mail gateway accepts', () => {
    const name = bundleName({
      caseNumber: 'RT #42/7: "urgent"',
      host: 'Zürich\\Büro ünïcode 服务器 ..',
      createdAt: at,
    });
    expect(name).toBe('casepack-RT_42_7_urgent-Zurich_Buro_unicode-20261127T081530Z.zip');
    expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('falls back when nothing usable is left, and stays short', () => {
    expect(bundleName({ caseNumber: '////', host: '服务器', createdAt: at })).toBe(
      'casepack-NEW-host-20261127T081530Z.zip',
    );
    const long = bundleName({ host: 'h'.repeat(500), caseNumber: '9'.repeat(300), createdAt: at });
    expect(long.length).toBeLessThanOrEqual(160);
  });
});
