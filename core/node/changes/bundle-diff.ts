// `casepack diff OLD.zip NEW.zip`: system report fields, installed package versions and
// configuration files of two bundles. Works from each bundle's manifest (which entry holds what)
// and reads only the entries it compares, each capped.
import type {
  BundleDiff,
  BundleSide,
  ConfigFileChange,
  FieldChange,
} from '../../common/changes/bundle-diff.js';
import { diffFields, VOLATILE_SECTIONS } from '../../common/changes/json-diff.js';
import { diffPackages, parseDpkgQuery, parseRpmLast } from '../../common/changes/package-list.js';
import { CasepackError, errorMessage } from '../../common/errors.js';
import { manifestSchema, type Manifest, type ManifestItem } from '../../common/manifest/schema.js';
import { openBundleEntries, type BundleEntries } from './bundle-entries.js';
import { DIFF_CAP } from './read-redacted.js';
import { unifiedDiff } from './unified-diff.js';

const JSON_CAP = 16 * 1024 * 1024;
const PACKAGES_CAP = 32 * 1024 * 1024;

interface Opened {
  entries: BundleEntries;
  manifest: Manifest;
}

async function open(file: string): Promise<Opened> {
  const entries = await openBundleEntries(file);
  try {
    const text = await entries.text('manifest.json', JSON_CAP);
    if (text === undefined) throw new Error('it has no manifest.json');
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('its manifest.json is not a casepack manifest');
    return { entries, manifest: parsed.data };
  } catch (e) {
    entries.close();
    throw new CasepackError('verify', `${file} is not a casepack bundle: ${errorMessage(e)}`, file);
  }
}

function side(o: Opened): BundleSide {
  const m = o.manifest;
  return {
    file: o.entries.file,
    createdAt: m.createdAt,
    host: m.host.name,
    toolVersion: m.tool.version,
    profiles: m.profiles.map((p) => p.name),
  };
}

const stored = (i: ManifestItem) =>
  (i.status === 'collected' || i.status === 'truncated') && i.path !== undefined;

async function systemChanges(a: Opened, b: Opened, notes: string[]): Promise<FieldChange[]> {
  const sections = (o: Opened) =>
    new Map(
      o.manifest.items.filter((i) => i.type === 'system' && stored(i)).map((i) => [i.path!, i]),
    );
  const sa = sections(a);
  const sb = sections(b);
  const out: FieldChange[] = [];
  for (const name of [...new Set([...sa.keys(), ...sb.keys()])].sort()) {
    const section = name.replace(/^system\//, '').replace(/\.json$/, '');
    if (VOLATILE_SECTIONS.has(section)) continue;
    if (!sa.has(name) || !sb.has(name)) {
      notes.push(
        `system report section ${section} is only in the ${sa.has(name) ? 'old' : 'new'} bundle`,
      );
      continue;
    }
    try {
      const [x, y] = await Promise.all([
        a.entries.text(name, JSON_CAP),
        b.entries.text(name, JSON_CAP),
      ]);
      if (x === undefined || y === undefined) {
        notes.push(`system report section ${section}: too large to compare`);
        continue;
      }
      for (const d of diffFields(JSON.parse(x), JSON.parse(y))) out.push({ section, ...d });
    } catch (e) {
      notes.push(`system report section ${section}: not compared (${errorMessage(e)})`);
    }
  }
  return out;
}

/** The installed-package list a bundle holds (linux-host's dpkg-query or rpm command), if any. */
async function packages(o: Opened): Promise<Map<string, string> | undefined> {
  for (const [id, parse] of [
    ['packages-dpkg', parseDpkgQuery],
    ['packages-rpm', parseRpmLast],
  ] as const) {
    const item = o.manifest.items.find(
      (i) => i.type === 'command' && (i.spec === id || i.source === id) && stored(i),
    );
    if (!item) continue;
    const text = await o.entries.text(item.path!, PACKAGES_CAP);
    if (text === undefined) continue;
    const list = parse(text);
    if (list.size) return list;
  }
  return undefined;
}

async function configChanges(a: Opened, b: Opened): Promise<ConfigFileChange[]> {
  const configs = (o: Opened) =>
    new Map(
      o.manifest.items
        .filter((i) => i.kind === 'config' && i.type === 'file' && stored(i))
        .map((i) => [i.source, i]),
    );
  const ca = configs(a);
  const cb = configs(b);
  const out: ConfigFileChange[] = [];
  for (const path of [...new Set([...ca.keys(), ...cb.keys()])].sort()) {
    const x = ca.get(path);
    const y = cb.get(path);
    if (x && y && x.sha256 === y.sha256) continue;
    const change: ConfigFileChange['change'] = !x ? 'added' : !y ? 'removed' : 'modified';
    const [tx, ty] = await Promise.all([
      x ? a.entries.text(x.path!, DIFF_CAP) : Promise.resolve(''),
      y ? b.entries.text(y.path!, DIFF_CAP) : Promise.resolve(''),
    ]);
    if (tx === undefined || ty === undefined) {
      out.push({ path, change, note: 'too large to diff: the checksums differ' });
      continue;
    }
    if (tx.includes('\0') || ty.includes('\0')) {
      out.push({ path, change, note: 'binary: the checksums differ' });
      continue;
    }
    const d = unifiedDiff(
      x ? `a${path}` : '/dev/null',
      y ? `b${path}` : '/dev/null',
      tx,
      ty,
      x ? a.manifest.createdAt : undefined,
      y ? b.manifest.createdAt : undefined,
    );
    out.push(
      d
        ? { path, change, linesAdded: d.added, linesRemoved: d.removed, diff: d.text }
        : { path, change, note: 'too many differences to show a diff' },
    );
  }
  return out;
}

export async function diffBundles(oldFile: string, newFile: string): Promise<BundleDiff> {
  const a = await open(oldFile);
  let b: Opened;
  try {
    b = await open(newFile);
  } catch (e) {
    a.entries.close();
    throw e;
  }
  try {
    const notes: string[] = [];
    if (a.manifest.host.name !== b.manifest.host.name)
      notes.push(
        `the bundles come from different hosts (${a.manifest.host.name}, ${b.manifest.host.name})`,
      );
    const system = await systemChanges(a, b, notes);
    const [pa, pb] = await Promise.all([packages(a), packages(b)]);
    if (!pa || !pb)
      notes.push(`package versions: no package list in the ${!pa ? 'old' : 'new'} bundle`);
    return {
      old: side(a),
      new: side(b),
      system,
      packages: pa && pb ? diffPackages(pa, pb) : [],
      config: await configChanges(a, b),
      notes,
    };
  } finally {
    a.entries.close();
    b.entries.close();
  }
}
