// Entry names that extract safely everywhere: relative, no "..", forward slashes, no characters or
// device names Windows refuses, and unique even on case-insensitive file systems.
import { CasepackError } from '../../../common/errors.js';

const WINDOWS_FORBIDDEN = /[<>:"|?*\\\u0000-\u001f\u007f]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
/** A component longer than this (in UTF-8 bytes) is cut: most file systems stop at 255. */
const MAX_COMPONENT_BYTES = 240;

/** Make a name safe to extract on Linux, macOS and Windows; throw when nothing usable is left. */
export function safeEntryName(name: string): string {
  const parts = name
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .map(safeComponent);
  if (parts.length === 0 || parts.some((p) => p === '..'))
    throw new CasepackError('internal', `not a usable zip entry name: ${JSON.stringify(name)}`);
  return parts.join('/');
}

function safeComponent(part: string): string {
  if (part === '..') return part;
  let p = part.normalize('NFC').replace(WINDOWS_FORBIDDEN, '_');
  // Windows drops trailing dots and spaces, which would merge "a." with "a".
  p = p.replace(/[. ]+$/, (m) => '_'.repeat(m.length));
  if (WINDOWS_DEVICE.test(p)) p = `_${p}`;
  if (Buffer.byteLength(p) > MAX_COMPONENT_BYTES) p = cutUtf8(p, MAX_COMPONENT_BYTES);
  return p;
}

function cutUtf8(s: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** Hands out unique names: a repeat (ignoring case) becomes "name~2.ext", "name~3.ext" ... */
export class NameRegistry {
  private readonly taken = new Set<string>();

  private readonly reservedLower: ReadonlySet<string>;

  /** Names kept for later (the bundle's manifest.json ...): `claim` never hands them out. */
  constructor(private readonly reserved: ReadonlySet<string> = new Set()) {
    this.reservedLower = new Set([...reserved].map((r) => r.toLowerCase()));
  }

  claim(name: string, opts: { reserved?: boolean } = {}): string {
    if (opts.reserved) {
      if (!this.reserved.has(name) || this.taken.has(name.toLowerCase()))
        throw new Error(`${name} is not a reserved name or was already used`);
      this.taken.add(name.toLowerCase());
      return name;
    }
    let candidate = name;
    for (let n = 2; this.isTaken(candidate); n++) candidate = withSuffix(name, n);
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }

  private isTaken(name: string): boolean {
    const lower = name.toLowerCase();
    return this.taken.has(lower) || this.reservedLower.has(lower);
  }

  release(name: string): void {
    this.taken.delete(name.toLowerCase());
  }
}

function withSuffix(name: string, n: number): string {
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  const at = dot > slash + 1 ? dot : name.length;
  return `${name.slice(0, at)}~${n}${name.slice(at)}`;
}
