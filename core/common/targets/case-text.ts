// The case as readable text for a case system (RT ticket body, e-mail body), the subject line, and
// the values of mapped custom fields. Pure, so the UI can preview exactly what will be sent.
import type { RtFieldKey } from './schema.js';

type Loose = Record<string, unknown>;

function str(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t ? t : undefined;
}

function obj(v: unknown): Loose {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {};
}

function joined(parts: Array<string | undefined>, sep = ' '): string | undefined {
  const out = parts.filter((p): p is string => !!p).join(sep);
  return out || undefined;
}

/** The few facts about a case that targets need, read leniently from a case object. */
export interface CaseFacts {
  summary?: string;
  severity?: string;
  caseType?: string;
  productVersion?: string;
  platform?: string;
  email?: string;
  caseNumber?: string;
  referenceId?: string;
}

export function caseFacts(c: Loose): CaseFacts {
  const product = obj(c.product);
  const platform = obj(c.platform);
  return {
    summary: str(c.summary),
    severity: str(c.severity),
    caseType: str(c.type),
    productVersion: joined([str(product.name), str(product.version)]),
    platform: joined([str(platform.os), str(platform.version), str(platform.architecture)]),
    email: str(obj(c.contact).email),
    caseNumber: str(c.caseNumber),
    referenceId: str(c.referenceId),
  };
}

/** Custom field values by casepack key, for the fields the target maps. */
export function customFieldValues(
  c: Loose,
  mapping: Partial<Record<RtFieldKey, string>> | undefined,
): Record<string, string> {
  const f = caseFacts(c);
  const product = obj(c.product);
  const values: Record<RtFieldKey, string | undefined> = {
    severity: f.severity,
    caseType: f.caseType,
    // The field says "version": the version alone, not the product's name.
    productVersion: str(product.version),
    platform: f.platform,
  };
  const out: Record<string, string> = {};
  for (const [key, name] of Object.entries(mapping ?? {})) {
    const v = values[key as RtFieldKey];
    if (name && v) out[name] = v;
  }
  return out;
}

const LABELS: Array<[string, (c: Loose) => string | undefined]> = [
  ['Case type', (c) => str(c.type)],
  ['Severity', (c) => str(c.severity)],
  ['Product', (c) => joined([str(obj(c.product).name), str(obj(c.product).version)])],
  [
    'Patches',
    (c) => {
      const p = obj(c.product).patches;
      return Array.isArray(p) ? joined(p.map(str), ', ') : str(p);
    },
  ],
  [
    'Platform',
    (c) => {
      const p = obj(c.platform);
      return joined(
        [
          joined([str(p.os), str(p.version), str(p.architecture)]),
          str(p.javaVersion) ? `Java ${str(p.javaVersion)}` : undefined,
        ],
        ', ',
      );
    },
  ],
  ['Started', (c) => str(c.startedAt)],
  ['Frequency', (c) => str(c.frequency)],
  ['Reference', (c) => str(c.referenceId)],
];

const CONTACT: Array<[string, (k: Loose) => string | undefined]> = [
  ['Name', (k) => str(k.name)],
  ['E-mail', (k) => str(k.email)],
  ['Phone', (k) => str(k.phone)],
  ['Organization', (k) => str(k.organization)],
  ['Preferred channel', (k) => str(k.preferredChannel)],
  ['Time zone', (k) => str(k.timeZone)],
  ['On call', (k) => joined([str(obj(k.onCall).name), str(obj(k.onCall).phone)], ', ')],
];

const SECTIONS: Array<[string, string]> = [
  ['Description', 'description'],
  ['Steps to reproduce', 'stepsToReproduce'],
  ['Expected', 'expected'],
  ['Actual', 'actual'],
  ['Recent changes', 'recentChanges'],
  ['Business impact', 'businessImpact'],
];

function indent(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => (l ? `  ${l}` : ''))
    .join('\n');
}

export interface CaseTextExtra {
  /** Lines about the bundle (name, size, sha256, where it went). */
  bundle: string[];
  /** The job token that lets a retry find what an interrupted request created. */
  marker: string;
  tool: string;
}

/** The case as plain text, in the order L1 reads it. */
export function caseText(c: Loose, extra: CaseTextExtra): string {
  const out: string[] = [];
  const summary = str(c.summary);
  if (summary) out.push(summary, '');
  for (const [label, get] of LABELS) {
    const v = get(c);
    if (v) out.push(`${label}: ${v}`);
  }
  const contact = obj(c.contact);
  const contactLines = CONTACT.map(([l, get]) => [l, get(contact)] as const).filter(([, v]) => v);
  if (contactLines.length) {
    out.push('', 'Contact');
    for (const [l, v] of contactLines) out.push(`  ${l}: ${v}`);
  }
  for (const [label, key] of SECTIONS) {
    const raw = c[key];
    // Steps may come as a list (one step per item): number them.
    const v = Array.isArray(raw)
      ? joined(
          raw.map((x, i) => (str(x) ? `${i + 1}. ${str(x)}` : undefined)),
          '\n',
        )
      : str(raw);
    if (v) out.push('', label, indent(v));
  }
  const attachments = Array.isArray(c.attachments) ? c.attachments : [];
  if (attachments.length) {
    out.push('', 'Files the customer added');
    for (const a of attachments) {
      const o = typeof a === 'string' ? { path: a } : obj(a);
      out.push(`  ${joined([str(o.path), str(o.description) && `(${str(o.description)})`]) ?? ''}`);
    }
  }
  out.push('', 'Bundle', ...extra.bundle.map((l) => `  ${l}`));
  out.push('', '--', `Sent by ${extra.tool}. ${extra.marker}`);
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

export const DEFAULT_SUBJECT = '[{tag} #{case}] {summary} Ref:{ref}';

/**
 * A subject from a template with {tag} {case} {summary} {ref} {bundle}. Parts whose value is empty
 * disappear cleanly: no case gives `[tag]`, no tag and no case drops the brackets, no reference
 * drops `Ref:`.
 */
export function renderSubject(
  template: string,
  v: { tag?: string; case?: string; summary?: string; ref?: string; bundle?: string },
): string {
  const line = template.replace(/\{(tag|case|summary|ref|bundle)\}/g, (_, k: keyof typeof v) =>
    (v[k] ?? '').replace(/[\r\n]+/g, ' ').trim(),
  );
  return line
    .replace(/\s*#(?=\s*\])/g, '')
    .replace(/\[\s*\]/g, '')
    .replace(/\bRef:(?=\s|$)/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** The job token written into every message casepack sends, so a retry can recognise its own. */
export function jobMarker(jobId: string): string {
  return `casepack job: ${jobId}`;
}
