// Keyed pseudonyms for identifying values (opt-in per category): host names under the host's own
// and configured domains, IPv4/IPv6/MAC addresses (ips), e-mail addresses, user names and listed
// keywords. Every token derives from the site key (HMAC-SHA256; Crypto-PAn for IP addresses), so
// a value maps to the same token in every file, run and node of the site, and only the site can
// map it back: IPs by decrypting them, the rest through the mapping kept on the host
// (core/node/redact/pseudonym-store.ts, fed by `onMap`). Memoised in a cache of fixed size.
import { BoundedCache } from './bounded-cache.js';
import type { PseudonymCategory } from './policy.js';
import {
  isUnremarkableIPv4,
  parseIPv4,
  pseudonymizeIPv4,
  pseudonymizeIPv6,
  pseudonymizeMac,
  type PseudonymKeys,
} from './pseudonym-ip.js';
import type { TextFinder } from './engine.js';
import { classMask } from './prefilter.js';
import type { Rule } from './types.js';

export interface KnownNames {
  /** This host's names: short name, FQDN. */
  hostNames: readonly string[];
  /** DNS domains whose names are pseudonymised (the host's own and configured ones). */
  domains: readonly string[];
  /** Human accounts of this host (uid >= 1000). */
  users: readonly string[];
  keywords: readonly string[];
}

export type OnMapping = (token: string, category: PseudonymCategory, value: string) => void;

const SYSTEM_USERS = new Set([
  'root',
  'nobody',
  'daemon',
  'bin',
  'sys',
  'admin',
  'administrator',
  'www-data',
  'apache',
  'nginx',
  'tomcat',
  'postgres',
  'mysql',
  'oracle',
  'system',
  'guest',
  'user',
  'test',
  'default',
  'sa',
  'sshd',
  'ftp',
  'mail',
  'null',
  'true',
  'false',
]);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Entries of the pseudonym cache (about 10 MB at most with typical values). */
export const PSEUDONYM_CACHE_SIZE = 65_536;

export class Pseudonymizer {
  private readonly cache = new BoundedCache<string, string>(PSEUDONYM_CACHE_SIZE);

  constructor(
    private readonly keys: PseudonymKeys,
    readonly categories: ReadonlySet<PseudonymCategory>,
    readonly known: KnownNames,
    private readonly onMap: OnMapping = () => undefined,
  ) {}

  private token(category: PseudonymCategory, prefix: string, value: string): string {
    const key = `${category}:${value.toLowerCase()}`;
    let t = this.cache.get(key);
    if (t === undefined) {
      const h = this.keys.prf(key);
      t = `${prefix}-${[...h.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
      this.cache.set(key, t);
      this.onMap(t, category, value);
    }
    return t;
  }

  /** `record`: keep the mapping for lookup (IP pseudonyms need not: the key maps them back). */
  private mapped(
    key: string,
    f: () => string | undefined,
    record?: { category: PseudonymCategory; value: string },
  ): string | undefined {
    let t = this.cache.get(key);
    if (t === undefined) {
      t = f();
      if (t === undefined) return undefined;
      this.cache.set(key, t);
      if (record) this.onMap(t, record.category, record.value);
    }
    return t;
  }

  ipv4(addr: string): string | undefined {
    return this.mapped(`ip4:${addr}`, () => pseudonymizeIPv4(this.keys, addr));
  }
  ipv6(addr: string): string | undefined {
    const a = addr.toLowerCase();
    return this.mapped(`ip6:${a}`, () => pseudonymizeIPv6(this.keys, a));
  }
  mac(addr: string): string | undefined {
    return this.mapped(`mac:${addr}`, () => pseudonymizeMac(this.keys, addr), {
      category: 'ips',
      value: addr,
    });
  }
  domain(d: string): string {
    return `${this.token('hosts', 'd', d)}.example`;
  }
  hostLabel(label: string): string {
    return this.token('hosts', 'h', label);
  }
  /** A host name: known domain suffix -> d-xxxx.example, the labels before it -> h-xxxx. */
  host(name: string): string {
    const lower = name.toLowerCase();
    const d = [...this.known.domains]
      .sort((a, b) => b.length - a.length)
      .find((x) => lower === x || lower.endsWith(`.${x}`));
    if (!d) return this.hostLabel(name);
    if (lower === d) return this.domain(d);
    const labels = name.slice(0, name.length - d.length - 1);
    return `${this.hostLabel(labels)}.${this.domain(d)}`;
  }
  email(addr: string): string {
    const at = addr.lastIndexOf('@');
    const domain = addr.slice(at + 1);
    const known = this.known.domains.some(
      (d) => domain.toLowerCase() === d || domain.toLowerCase().endsWith(`.${d}`),
    );
    const dom =
      known && this.categories.has('hosts') ? this.host(domain) : this.domain(domain.toLowerCase());
    return `${this.token('emails', 'u', addr.slice(0, at))}@${dom}`;
  }
  user(name: string): string {
    return this.token('users', 'user', name);
  }
  keyword(word: string): string {
    return this.token('keywords', 'kw', word);
  }

  /** The rules (and chunk finders) that write pseudonyms, for the categories switched on. */
  rules(): { rules: Rule[]; finders: (first: number) => TextFinder[] } {
    const rules: Rule[] = [];
    const finderRules: Array<(i: number) => TextFinder> = [];
    const c = this.categories;
    if (c.has('ips')) {
      rules.push(this.ipRule());
      finderRules.push((i) => ({
        rule: i,
        find: (t, emit) =>
          findAll(
            /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|::|[0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}|\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}|[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7}/g,
            t,
            emit,
          ),
      }));
    }
    if (c.has('emails')) {
      rules.push(this.emailRule());
      finderRules.push((i) => ({ rule: i, find: (t, emit) => findAll(/@/g, t, emit) }));
    }
    if (c.has('hosts') && (this.known.domains.length > 0 || this.known.hostNames.length > 0))
      rules.push(this.hostRule());
    if (c.has('users')) rules.push(this.userRule());
    if (c.has('keywords') && this.known.keywords.length > 0) rules.push(this.keywordRule());
    // finders index the rules that follow the built-in pack: ips first, then emails
    return {
      rules,
      finders: (first) => finderRules.map((f, k) => f(first + k)),
    };
  }

  private ipRule(): Rule {
    const V4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)/g;
    const EMBEDDED =
      /(?<![\w-])([A-Za-z][A-Za-z0-9]*-)(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})(?![\w-]|\.\d)/g;
    const V6 = /(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Za-z:.])/g;
    const MAC =
      /(?<![0-9A-Fa-f:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])/g;
    return {
      id: 'pseudonym-ips',
      triggers: [],
      apply: (line, out) => {
        for (const m of line.matchAll(V4)) {
          const p = this.ipv4(m[0]);
          if (p) out.pseudonym(m.index, m.index + m[0].length, 'ip', p);
        }
        for (const m of line.matchAll(EMBEDDED)) {
          const ip = `${m[2]}.${m[3]}.${m[4]}.${m[5]}`;
          const v = parseIPv4(ip);
          if (v === undefined || isUnremarkableIPv4(v)) continue;
          const p = this.ipv4(ip)!;
          const start = m.index + m[1]!.length;
          out.pseudonym(start, m.index + m[0].length, 'ip', p.replace(/\./g, '-'));
        }
        for (const m of line.matchAll(V6)) {
          // Without `::` an address has eight groups (15 characters at least): this skips the
          // times (`00:00:00`) that match the pattern in every log line, before any parsing.
          if (m[0].length < 15 && !m[0].includes('::')) continue;
          const p = this.ipv6(m[0]);
          if (p) out.pseudonym(m.index, m.index + m[0].length, 'ip', p);
        }
        for (const m of line.matchAll(MAC)) {
          const p = this.mac(m[0]);
          if (p) out.pseudonym(m.index, m.index + m[0].length, 'mac', p);
        }
      },
    };
  }

  private emailRule(): Rule {
    const EMAIL =
      /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+/g;
    return {
      id: 'pseudonym-emails',
      triggers: [],
      apply: (line, out) => {
        for (const m of line.matchAll(EMAIL))
          out.pseudonym(m.index, m.index + m[0].length, 'email', this.email(m[0]));
      },
    };
  }

  private hostRule(): Rule {
    const names = [
      ...new Set([...this.known.domains, ...this.known.hostNames].map((n) => n.toLowerCase())),
    ]
      .filter((n) => n.length >= 2)
      .sort((a, b) => b.length - a.length);
    const doms = this.known.domains.map(escape).join('|') || '(?!)';
    const FQDN = new RegExp(
      `(?<![A-Za-z0-9_.@-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)*(?:${doms})(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`,
      'gi',
    );
    const shortNames = this.known.hostNames.filter((h) => !h.includes('.')).map(escape);
    const SHORT = shortNames.length
      ? new RegExp(
          `(?<![A-Za-z0-9_.@-])(?:${shortNames.join('|')})(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`,
          'gi',
        )
      : undefined;
    return {
      id: 'pseudonym-hosts',
      triggers: names,
      // Both patterns end where no letter, digit, `_` or `-` follows: this keeps a short host
      // name ("vm") from sending every "jvm" line to the rule.
      triggerNext: classMask(' .:'),
      apply: (line, out) => {
        for (const m of line.matchAll(FQDN))
          out.pseudonym(m.index, m.index + m[0].length, 'host', this.host(m[0]));
        if (SHORT)
          for (const m of line.matchAll(SHORT))
            out.pseudonym(m.index, m.index + m[0].length, 'host', this.hostLabel(m[0]));
      },
    };
  }

  private userRule(): Rule {
    const known = this.known.users.filter(
      (u) => u.length >= 3 && !SYSTEM_USERS.has(u.toLowerCase()),
    );
    const KNOWN = known.length
      ? new RegExp(`(?<![A-Za-z0-9_.@-])(?:${known.map(escape).join('|')})(?![A-Za-z0-9_-])`, 'g')
      : undefined;
    const KEYED =
      /\b(?:user(?:name)?|login|uid|owner|ansible_user)["']?[ \t]*[:=][ \t]*["']?([A-Za-z_][A-Za-z0-9_.-]{1,31})/gi;
    const HOME = /\/home\/([A-Za-z_][A-Za-z0-9_.-]{0,31})/g;
    const emit = (start: number, name: string, out: Parameters<Rule['apply']>[1]): void => {
      if (SYSTEM_USERS.has(name.toLowerCase())) return;
      out.pseudonym(start, start + name.length, 'user', this.user(name));
    };
    return {
      id: 'pseudonym-users',
      triggers: [...known, 'user', 'login', 'uid', 'owner', '/home/'],
      apply: (line, out) => {
        if (KNOWN) for (const m of line.matchAll(KNOWN)) emit(m.index, m[0], out);
        for (const m of line.matchAll(KEYED))
          emit(m.index + m[0].length - m[1]!.length, m[1]!, out);
        for (const m of line.matchAll(HOME)) emit(m.index + 6, m[1]!, out);
      },
    };
  }

  private keywordRule(): Rule {
    const KW = new RegExp(
      this.known.keywords
        .map(escape)
        .sort((a, b) => b.length - a.length)
        .join('|'),
      'gi',
    );
    return {
      id: 'pseudonym-keywords',
      triggers: this.known.keywords.filter((k) => k.length >= 2).map((k) => k.toLowerCase()),
      apply: (line, out) => {
        for (const m of line.matchAll(KW))
          out.pseudonym(m.index, m.index + m[0].length, 'keyword', this.keyword(m[0]));
      },
    };
  }
}

function findAll(re: RegExp, text: string, emit: (offset: number) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    emit(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
}
