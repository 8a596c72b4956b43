// Compare two system report sections field by field. Arrays of named things (file systems, network
// interfaces, Java runtimes) are matched by their name, not their position, and figures that
// change from minute to minute (load, free memory, uptime, counters) are left out: the question is
// "what is different about this host", not "what is it doing right now".

const VOLATILE =
  /(^|\.)(free|used|usage|use|available|avail|active|buffers|cached|buffcache|slab|load\w*|uptime\w*|current\w*|now|time|timestamp|pid|ppid|rx\w*|tx\w*|bytes\w*|packets\w*|errors|dropped|idle|percent\w*|pct\w*|cpu\w*|mem\w*|rss|vsz|speed\w*|temperature|collectedAt|durationMs|elapsed\w*|started\w*|boot\w*|inodes\w*)$/i;

/** Sections that are a picture of the moment, not of the host's setup. */
export const VOLATILE_SECTIONS = new Set(['processes', 'uptime', 'time']);

const ID_KEYS = [
  'name',
  'mount',
  'mountpoint',
  'fs',
  'iface',
  'interface',
  'path',
  'home',
  'id',
  'key',
];

function idOf(v: unknown): string | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  for (const k of ID_KEYS) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x === 'string' || typeof x === 'number') return `${k}=${x}`;
  }
  return undefined;
}

/** Leaf values by dotted key; array items by `[name=...]` when they carry a name. */
export function flatten(
  v: unknown,
  prefix = '',
  out = new Map<string, unknown>(),
): Map<string, unknown> {
  if (Array.isArray(v)) {
    const named = v.length > 0 && v.every((x) => idOf(x) !== undefined);
    v.forEach((x, i) => flatten(x, `${prefix}[${named ? idOf(x) : i}]`, out));
    if (v.length === 0) out.set(prefix, []);
  } else if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, out);
    if (entries.length === 0) out.set(prefix, {});
  } else out.set(prefix, v);
  return out;
}

export function isVolatileKey(key: string): boolean {
  return key.split(/[.[\]]/).some((part) => VOLATILE.test(part));
}

/** The fields that differ, old and new, skipping volatile ones. */
export function diffFields(
  oldV: unknown,
  newV: unknown,
): Array<{ key: string; old?: unknown; new?: unknown }> {
  const a = flatten(oldV);
  const b = flatten(newV);
  const out: Array<{ key: string; old?: unknown; new?: unknown }> = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (isVolatileKey(key)) continue;
    const x = a.get(key);
    const y = b.get(key);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    out.push({ key, ...(a.has(key) ? { old: x } : {}), ...(b.has(key) ? { new: y } : {}) });
  }
  return out.sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
}
