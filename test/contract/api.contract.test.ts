// One contract suite over every transport (direct, HTTP through `casepack serve`, Electron IPC
// through the built preload): the same calls must give the same results and the same errors.
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasepackClient } from '../../core/common/api/client.js';
import { CasepackError } from '../../core/common/errors.js';
import { toolVersion } from '../../core/node/version.js';
import { FIXTURE_ENTRIES, writeFixtureBundle } from '../support/fixture-bundle.js';
import { makePng } from '../support/png.js';
import { writeWrittenBundle } from '../support/written-bundle.js';
import { tempDir } from '../support/tmp.js';
import { TRANSPORTS, type Started } from './transports.js';

async function failure(p: Promise<unknown>): Promise<CasepackError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CasepackError);
    return e as CasepackError;
  }
  throw new Error('expected the call to fail');
}

describe.each(TRANSPORTS)('API contract over $name', (transport) => {
  let api: CasepackClient;
  let started: Started;
  let dir: string;
  let configFile: string;
  let dataDir: string;

  beforeAll(async () => {
    dir = await tempDir(`casepack-contract-${transport.name}-`);
    configFile = path.join(dir, 'config.yaml');
    dataDir = path.join(dir, 'data');
    await writeFile(configFile, '# my settings\ncollect:\n  since: 24h # keep this comment\n');
    started = await transport.start({ configFile, dataDir, env: { DISPLAY: '' } });
    api = started.client;
  });
  afterAll(() => started?.close());

  it('tells the version, host and settings file', async () => {
    const info = await api.appInfo({});
    expect(info.version).toBe(toolVersion());
    expect(info.host).toBe(os.hostname());
    expect(info.settingsFile).toBe(configFile);
    expect(info.dataDir).toBe(dataDir);
  });

  it('edits the one settings file, keeping its comments', async () => {
    const view = await api.setSetting({ path: ['contact', 'email'], value: 'ana@example.com' });
    expect(view.settings.contact).toEqual({ email: 'ana@example.com' });
    const text = await readFile(configFile, 'utf8');
    expect(text).toContain('# keep this comment');
    expect(text).toMatch(/email: ana@example\.com/);
    expect((await api.getSettings({})).settings.collect?.since).toBe('24h');
    await api.setSetting({ path: ['contact', 'email'], value: null });
    expect((await api.getSettings({})).settings.contact).toEqual({});
  });

  it('refuses settings outside the UI sections and invalid values, naming the key', async () => {
    const e1 = await failure(api.setSetting({ path: ['products', 'x'], value: {} }));
    expect(e1.code).toBe('usage');
    expect(e1.message).toContain('products');
    const e2 = await failure(api.setSetting({ path: ['collect', 'concurrency'], value: 99 }));
    expect(e2.code).toBe('config');
    expect(e2.message).toContain('collect.concurrency');
    expect(await readFile(configFile, 'utf8')).not.toContain('99');
  });

  it('validates every argument with its schema and says which field is wrong', async () => {
    const e = await failure(
      (api.saveDraft as (a: unknown) => Promise<unknown>)({ case: 'not an object' }),
    );
    expect(e.code).toBe('usage');
    expect(e.message).toMatch(/saveDraft: invalid argument \(case: /);
    const e2 = await failure((api.appInfo as (a: unknown) => Promise<unknown>)({ extra: 1 }));
    expect(e2.code).toBe('usage');
  });

  it('keeps the case draft between sessions, readable by its owner only', async () => {
    expect((await api.getDraft({})).case).toEqual({});
    const c = { summary: 'Login fails', description: 'שלום – unicode kept', type: 'product-error' };
    await api.saveDraft({ case: c, bundle: '/tmp/b.zip' });
    expect(await api.getDraft({})).toMatchObject({ case: c, bundle: '/tmp/b.zip' });
    const file = path.join(dataDir, 'ui', 'draft', 'case.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('adds screenshots (images only) and lists, shows and removes them', async () => {
    const png = makePng(20, 10);
    const f = await api.addScreenshot({ name: 'error dialog.png', base64: png.toString('base64') });
    expect(f).toMatchObject({ kind: 'screenshot', name: 'error dialog.png', size: png.length });
    expect((await api.readDraftImage({ id: f.id })).base64).toBe(png.toString('base64'));
    const e = await failure(
      api.addScreenshot({ name: 'x.png', base64: Buffer.from('#!/bin/sh\n').toString('base64') }),
    );
    expect(e.code).toBe('usage');
    expect((await api.draftFiles({})).map((d) => d.id)).toContain(f.id);
    expect(await api.removeDraftFile({ id: f.id })).toEqual([]);
  });

  it('attaches host files only inside the allowed folders, never protected ones', async () => {
    const ok = path.join(dir, 'repro.txt');
    await writeFile(ok, 'steps\n');
    const f = await api.addAttachment({ path: ok });
    expect(f).toMatchObject({ kind: 'attachment', name: 'repro.txt', source: ok, size: 6 });

    expect((await failure(api.addAttachment({ path: 'repro.txt' }))).code).toBe('usage');
    expect((await failure(api.addAttachment({ path: path.join(dir, 'nope') }))).code).toBe(
      'not-found',
    );
    expect((await failure(api.addAttachment({ path: '/etc/shadow' }))).code).toBe('permission');
    // A link in an allowed folder does not open a way out of it.
    const link = path.join(dir, 'innocent.txt');
    await symlink('/etc/shadow', link);
    expect((await failure(api.addAttachment({ path: link }))).code).toBe('permission');
    // The data directory (site key, outbox, app secrets) is never attachable.
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'site.key'), 'k');
    const e = await failure(api.addAttachment({ path: path.join(dataDir, 'site.key') }));
    expect(e.code).toBe('permission');
  });

  it('browses allowed folders for the pickers', async () => {
    await mkdir(path.join(dir, 'exports'), { recursive: true });
    const l = await api.browse({ path: dir });
    expect(l.path).toBe(dir);
    expect(l.entries.find((x) => x.name === 'exports')?.type).toBe('dir');
    expect(l.entries.find((x) => x.name === 'repro.txt')).toMatchObject({ type: 'file', size: 6 });
    expect(l.entries.findIndex((x) => x.type === 'file')).toBeGreaterThan(
      l.entries.findIndex((x) => x.type === 'dir'),
    );
    const dirs = await api.browse({ path: dir, dirsOnly: true });
    expect(dirs.entries.every((x) => x.type === 'dir')).toBe(true);
    expect((await failure(api.browse({ path: '/etc' }))).code).toBe('permission');
  });

  it('keeps no secrets outside the desktop app, and says what to use instead', async () => {
    const s = await api.listAppSecrets({});
    expect(s).toMatchObject({ available: false, names: [] });
    expect(s.reason).toMatch(/environment variable.*0600/);
    const e = await failure(api.setAppSecret({ name: 'vendor-rt', value: 'tok-123' }));
    expect(e.code).toBe('usage');
    expect(e.message).not.toContain('tok-123');
  });

  it('says plainly when this host cannot take screenshots', async () => {
    const s = await api.screenSources({});
    expect(s.available).toBe(false);
    expect(s.reason).toMatch(/no display/);
  });

  it('offers the case model: definitions, the live check, remembered contact', async () => {
    const defs = await api.caseDefinitions({});
    expect(defs.types.map((t) => t.key)).toEqual([
      'question',
      'enhancement',
      'product-error',
      'unexpected-behavior',
      'performance',
    ]);
    expect(defs.severities.map((x) => x.key)).toEqual(['P1', 'P2', 'P3', 'P4']);
    const empty = await api.caseCheck({ case: {} });
    expect(empty.complete).toBe(false);
    expect(empty.missing.map((m) => m.key)).toEqual(
      expect.arrayContaining(['summary', 'description', 'type', 'severity', 'contact.email']),
    );
    const pe = await api.caseCheck({
      case: { type: 'product-error', severity: 'P3', summary: 'Login fails' },
    });
    expect(pe.missing.map((m) => m.key)).toEqual(
      expect.arrayContaining(['stepsToReproduce', 'expected', 'actual']),
    );
    expect(pe.missing.map((m) => m.key)).not.toContain('summary');
    await api.contactSet({ contact: { name: 'Ana Lima', email: 'ana@example.com' } });
    expect((await api.contactGet({})).contact).toMatchObject({ name: 'Ana Lima' });
  });

  it('loads and saves case files only where the user may write', async () => {
    const file = path.join(dir, 'case.yaml');
    await api.caseSave({ file, case: { summary: 'Login fails', type: 'question' } });
    expect((await api.caseLoad({ file })).case).toMatchObject({ summary: 'Login fails' });
    expect((await failure(api.caseSave({ file: '/etc/casepack-case.yaml', case: {} }))).code).toBe(
      'permission',
    );
    expect((await failure(api.caseLoad({ file: '/etc/hostname' }))).code).toBe('permission');
  });

  describe('review of a bundle', () => {
    let bundle: string;
    beforeAll(async () => {
      bundle = path.join(dir, 'casepack-NEW-testhost-20261127T100500Z.zip');
      await writeFixtureBundle(bundle);
    });

    it('lists every entry with sizes, manifest status, redaction counts and what failed', async () => {
      const t = await api.bundleTree({ bundle });
      const log = t.entries.find((e) => e.path === 'logs/app.log')!;
      expect(log).toMatchObject({
        view: 'text',
        status: 'collected',
        size: Buffer.byteLength(FIXTURE_ENTRIES['logs/app.log']),
        redactions: { 'jdbc-password': 1, 'bearer-token': 1 },
      });
      expect(t.entries.find((e) => e.path.endsWith('.diff'))?.view).toBe('diff');
      expect(t.entries.find((e) => e.path.endsWith('.png'))?.view).toBe('image');
      expect(t.missing).toEqual([
        expect.objectContaining({ source: '/opt/app/logs/gc.log', reason: 'permission denied' }),
      ]);
      expect(t.redactionTotals).toEqual({
        'jdbc-password': 1,
        'bearer-token': 1,
        'properties-password': 2,
      });
    });

    it('opens a text entry with each redaction located', async () => {
      const e = await api.readEntry({ bundle, path: 'logs/app.log' });
      expect(e.text).toBe(FIXTURE_ENTRIES['logs/app.log']);
      expect(e.truncated).toBe(false);
      expect(e.marks.map((m) => [e.text.slice(m.start, m.end), m.rule])).toEqual([
        ['[REDACTED:jdbc-password]', 'jdbc-password'],
        ['[REDACTED:bearer-token]', 'bearer-token'],
      ]);
    });

    it('reads long entries in slices that never split a character', async () => {
      const text = FIXTURE_ENTRIES['logs/app.log'];
      let offset = 0;
      let joined = '';
      for (let i = 0; i < 200; i++) {
        const s = await api.readEntry({ bundle, path: 'logs/app.log', offset, maxBytes: 7 });
        joined += s.text;
        offset = s.offset + Buffer.byteLength(s.text);
        if (!s.truncated) break;
      }
      expect(joined).toBe(text);
    });

    it('shows images and refuses entries that are not there', async () => {
      const img = await api.readImage({ bundle, path: 'screenshots/error-dialog.png' });
      expect(img.mime).toBe('image/png');
      expect(Buffer.from(img.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
      expect((await failure(api.readEntry({ bundle, path: 'logs/none.log' }))).code).toBe(
        'not-found',
      );
    });

    it('finds a company name anywhere in the bundle, in any case', async () => {
      const r = await api.searchBundle({ bundle, query: 'acme corp' });
      // Every hit points at the very characters it reports, line and column 1-based.
      const texts: Record<string, string> = { ...FIXTURE_ENTRIES };
      for (const h of r.hits.filter((x) => x.path in texts)) {
        const line = texts[h.path]!.split('\n')[h.line - 1]!;
        expect(line.slice(h.column - 1, h.column - 1 + h.match.length)).toBe(h.match);
        expect(line.startsWith(h.before, h.column - 1 - h.before.length)).toBe(true);
      }
      expect(r.hits.map((h) => `${h.path}:${h.line}:${h.match}`)).toEqual([
        'logs/app.log:1:ACME Corp',
        'logs/app.log:3:acme corp',
        'config/app.properties:3:Acme Corp',
        'case.json:1:ACME Corp',
      ]);
      expect(r.skipped).toContain('screenshots/error-dialog.png');
      const exact = await api.searchBundle({ bundle, query: 'Acme Corp', caseSensitive: true });
      expect(exact.hits.map((h) => h.path)).toEqual(['config/app.properties']);
      const capped = await api.searchBundle({ bundle, query: 'a', maxHits: 3 });
      expect(capped.hits).toHaveLength(3);
      expect(capped.truncated).toBe(true);
    });

    it('removes an entry and rebuilds a bundle that still verifies', async () => {
      const sub = path.join(dir, `rebuild-${transport.name}`);
      await mkdir(sub);
      const b = await writeWrittenBundle(sub);
      const r = await api.removeEntries({ bundle: b, paths: ['logs/app.log'] });
      expect(r).toMatchObject({ bundle: b, removed: ['logs/app.log'] });
      const t = await api.bundleTree({ bundle: b });
      expect(t.entries.map((e) => e.path)).not.toContain('logs/app.log');
      expect(t.entries.map((e) => e.path)).toContain('logs/other.log');
      expect(t.missing).toContainEqual(
        expect.objectContaining({
          source: '/var/log/app.log',
          status: 'skipped',
          reason: expect.stringMatching(/removed by the user/),
        }),
      );
      expect(t.redactionTotals).toEqual({});
      expect(
        await api.searchBundle({ bundle: b, query: 'secret-marker-in-removed-file' }),
      ).toMatchObject({ hits: [] });
      const v = await api.verifyBundle({ bundle: b });
      expect(v.problems).toEqual([]);
      expect(v.ok).toBe(true);
      // report.html keeps the system report's section and no longer links the removed file.
      const report = await api.readEntry({ bundle: b, path: 'report.html' });
      expect(report.text).toContain('<section id="sys-os">');
      expect(report.text).not.toContain('href="logs/app.log"');
      // Removing system data leaves its readable section out as well.
      await api.removeEntries({ bundle: b, paths: ['system/os.json'] });
      const again = await api.readEntry({ bundle: b, path: 'report.html' });
      expect(again.text).not.toContain('Debian GNU/Linux 12');
      expect((await api.verifyBundle({ bundle: b })).ok).toBe(true);
      const e = await failure(api.removeEntries({ bundle: b, paths: ['manifest.json'] }));
      expect(e.code).toBe('usage');
    });

    it('refuses a bundle outside the allowed folders', async () => {
      expect((await failure(api.bundleTree({ bundle: '/etc/passwd.zip' }))).code).toBe('not-found');
      expect((await failure(api.bundleTree({ bundle: '/etc/passwd' }))).code).toBe('usage');
    });
  });
});
