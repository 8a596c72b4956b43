// Package manager history as the systems write it: dpkg.log lines, apt's history.log blocks and
// `rpm -qa` install times. Pure parsers; core/node/changes/package-history.ts feeds them lines.
// dpkg and apt write local wall-clock time without a zone: the host's zone turns it into UTC.
import type { ZoneClock } from '../time/zone.js';
import type { AptTransaction, PackageAction, PackageCategory, PackageEvent } from './summary.js';

const DPKG =
  /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) (install|upgrade|remove|purge) (\S+) (\S+) (\S+)\s*$/;

function wall(y: string, mo: string, d: string, h: string, mi: string, s: string): number {
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
}

/** Kernel, JVM and base OS updates are what L1 asks about first; the rest are "packages". */
export function packageCategory(name: string): PackageCategory {
  const n = name.toLowerCase();
  if (/^(linux-(image|modules|headers)|kernel)(-|$)/.test(n)) return 'kernel';
  if (/(openjdk|temurin|zulu|corretto|(^|-)jdk|(^|-)jre|^java-|-java$)/.test(n)) return 'jvm';
  if (
    /^(base-files|lsb-release|libc6|libc-bin|glibc|systemd|openssl|libssl\S*|os-release|\S+-release|debian-archive-keyring|tzdata)$/.test(
      n,
    )
  )
    return 'os';
  return 'package';
}

function splitArch(pkg: string): { name: string; arch?: string } {
  const i = pkg.lastIndexOf(':');
  return i > 0 ? { name: pkg.slice(0, i), arch: pkg.slice(i + 1) } : { name: pkg };
}

const none = (v: string | undefined) => (v === undefined || v === '<none>' ? undefined : v);

/** One dpkg.log line (`2026-11-27 10:00:00 upgrade pkg:amd64 1.0 1.1`), or undefined. */
export function parseDpkgLine(
  line: string,
  zone: ZoneClock,
  source: string,
): PackageEvent | undefined {
  const m = DPKG.exec(line);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, action, pkg, from, to] = m as unknown as string[];
  const { name, arch } = splitArch(pkg!);
  const ev: PackageEvent = {
    time: new Date(zone.toUtc(wall(y!, mo!, d!, h!, mi!, s!))).toISOString(),
    action: action as PackageAction,
    name,
    category: packageCategory(name),
    source,
  };
  if (arch) ev.arch = arch;
  if (none(from)) ev.from = from;
  if (none(to) && action !== 'remove' && action !== 'purge') ev.to = to;
  return ev;
}

const APT_TIME = /^(\d{4})-(\d\d)-(\d\d)\s+(\d\d):(\d\d):(\d\d)$/;
const APT_PKG = /([^\s,()]+) \(([^)]*)\)/g;

/** `2026-11-27  10:00:00` (apt's Start-Date/End-Date, local time) as ISO-8601 UTC. */
export function aptTime(text: string, zone: ZoneClock): string | undefined {
  const m = APT_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m as unknown as string[];
  return new Date(zone.toUtc(wall(y!, mo!, d!, h!, mi!, s!))).toISOString();
}

/**
 * Reads apt's history.log one line at a time; each blank-line-separated block is one transaction.
 * `take(line)` returns the transaction a block completed (at its End-Date or at the next block).
 */
export class AptHistoryParser {
  private cur: Record<string, string> = {};
  constructor(
    private readonly zone: ZoneClock,
    private readonly source: string,
  ) {}

  take(line: string): { tx: AptTransaction; events: PackageEvent[] } | undefined {
    const m = /^([A-Za-z-]+): (.*)$/.exec(line);
    if (!m) return line.trim() === '' ? this.flush() : undefined;
    const out = m[1] === 'Start-Date' ? this.flush() : undefined;
    this.cur[m[1]!] = m[2]!;
    return out;
  }

  /** The block read so far, if it is a transaction. */
  flush(): { tx: AptTransaction; events: PackageEvent[] } | undefined {
    const b = this.cur;
    this.cur = {};
    const start = b['Start-Date'] ? aptTime(b['Start-Date'], this.zone) : undefined;
    if (!start) return undefined;
    const events: PackageEvent[] = [];
    const add = (field: string, action: PackageAction) => {
      for (const pm of (b[field] ?? '').matchAll(APT_PKG)) {
        const { name, arch } = splitArch(pm[1]!);
        const vers = pm[2]!.split(',').map((v) => v.trim());
        const ev: PackageEvent = {
          time: start,
          action,
          name,
          category: packageCategory(name),
          source: this.source,
        };
        if (arch) ev.arch = arch;
        if (action === 'upgrade' || action === 'downgrade') {
          ev.from = vers[0];
          if (vers[1] && vers[1] !== 'automatic') ev.to = vers[1];
        } else if (action === 'install') ev.to = vers[0];
        else ev.from = vers[0];
        events.push(ev);
      }
    };
    add('Install', 'install');
    add('Upgrade', 'upgrade');
    add('Downgrade', 'downgrade');
    add('Remove', 'remove');
    add('Purge', 'purge');
    const tx: AptTransaction = {
      start,
      install: events.filter((e) => e.action === 'install').length,
      upgrade: events.filter((e) => e.action === 'upgrade' || e.action === 'downgrade').length,
      remove: events.filter((e) => e.action === 'remove' || e.action === 'purge').length,
    };
    const end = b['End-Date'] ? aptTime(b['End-Date'], this.zone) : undefined;
    if (end) tx.end = end;
    if (b.Commandline) tx.commandline = b.Commandline;
    if (b['Requested-By']) tx.requestedBy = b['Requested-By'];
    return { tx, events };
  }
}

/**
 * One line of `rpm -qa --qf '%{INSTALLTIME} %{NAME} %{VERSION}-%{RELEASE} %{ARCH}\n'`. rpm keeps no
 * history of removals or of the version an upgrade replaced: each line is "installed then".
 */
export function parseRpmLine(line: string, source: string): PackageEvent | undefined {
  const m = /^(\d+) (\S+) (\S+) (\S+)$/.exec(line.trim());
  if (!m) return undefined;
  const ev: PackageEvent = {
    time: new Date(Number(m[1]) * 1000).toISOString(),
    action: 'install',
    name: m[2]!,
    to: m[3]!,
    category: packageCategory(m[2]!),
    source,
  };
  if (m[4] !== '(none)') ev.arch = m[4]!;
  return ev;
}
