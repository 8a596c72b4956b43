// Runs the profiles' health checks side by side, each under its own timeout, and writes the results
// to system/checks.json (through the redaction session). One manifest item per check (type `check`,
// status `collected` with `result` pass/fail, `skipped`, or `failed`) plus one for the file.
import { CasepackError, errorMessage } from '../../../common/errors.js';
import type { ManifestItem } from '../../../common/manifest/schema.js';
import type { CheckSpec } from '../../../common/profile/schema.js';
import type { EntrySink } from '../../bundle/types.js';
import { SinkError } from '../../collect/collector-context.js';
import type { RedactionSession } from '../../redact/types.js';
import { expandVars, type Expansion } from '../../../common/profile/vars.js';
import { formatTimeout, missingVarsReason } from '../format.js';
import { readSmall } from '../proc.js';
import { followSignal } from '../signals.js';
import { diskFreeCheck } from './disk-free.js';
import { processCheck } from './process.js';
import { tcpCheck } from './tcp.js';
import type { CheckOutcome, CheckResult } from './types.js';

export const CHECKS_ENTRY = 'system/checks.json';

export interface RunChecksOptions {
  vars?: Record<string, string | undefined>;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export interface ChecksReport {
  items: ManifestItem[];
  results: CheckResult[];
}

/** A check with the profile that declared it and that profile's resolved variables. */
export type ProfiledCheck = CheckSpec & {
  profile?: string;
  vars?: Readonly<Record<string, string | undefined>>;
};

function kindOf(c: CheckSpec): CheckResult['kind'] {
  return c.tcp ? 'tcp' : c.diskFree ? 'diskFree' : 'process';
}

/** Expand `${VAR}` in every string of a check's spec; the names that did not resolve. */
function expandSpec<T>(
  value: T,
  vars: Readonly<Record<string, string | undefined>>,
  missing: Set<string>,
): T {
  if (typeof value === 'string') {
    const r: Expansion = expandVars(value, vars);
    if (!r.ok) r.missing.forEach((m) => missing.add(m));
    return (r.ok ? r.value : value) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => expandSpec(v, vars, missing)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expandSpec(v, vars, missing)]),
    ) as T;
  return value;
}

/**
 * The environment that resolves WildFly's `${env.NAME:default}`: the server process's own (it is
 * what WildFly saw), else casepack's. A PID that did not resolve is not an error: it falls back.
 */
async function expressionEnv(
  envOfPid: string | undefined,
  vars: Readonly<Record<string, string | undefined>>,
  ownEnv: NodeJS.ProcessEnv,
): Promise<{ env: NodeJS.ProcessEnv; from: string }> {
  const own = { env: ownEnv, from: 'the casepack environment' };
  if (!envOfPid) return own;
  const pid = expandVars(envOfPid, vars);
  if (!pid.ok || !/^\d+$/.test(pid.value)) return own;
  const raw = await readSmall(`/proc/${pid.value}/environ`, 1024 * 1024);
  if (raw === undefined)
    return { ...own, from: `${own.from} (process ${pid.value}: environment not readable)` };
  const env: NodeJS.ProcessEnv = {};
  for (const kv of raw.split('\0')) {
    const i = kv.indexOf('=');
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return { env, from: `the environment of process ${pid.value}` };
}

async function runOne(check: ProfiledCheck, opts: RunChecksOptions): Promise<CheckResult> {
  const t0 = performance.now();
  const base = {
    id: check.id,
    ...(check.profile ? { profile: check.profile } : {}),
    ...(check.description ? { description: check.description } : {}),
    kind: kindOf(check),
  };
  const missing = new Set<string>();
  const vars = check.vars ?? opts.vars ?? {};
  const { tcp, diskFree, process: proc } = check;
  // Regex patterns are not expanded: `${...}` there is WildFly syntax, not ours.
  const spec = expandSpec(
    {
      tcp: tcp ? { ...tcp, pattern: undefined, envOfPid: undefined } : undefined,
      diskFree,
      process: proc,
    },
    vars,
    missing,
  );
  if (missing.size)
    return { ...base, status: 'skipped', message: missingVarsReason([...missing]), durationMs: 0 };
  const ac = new AbortController();
  const onAbort = (): void => ac.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => {
      ac.abort();
      resolve({ status: 'fail', message: `no result within ${formatTimeout(check.timeout)}` });
    }, check.timeout);
  });
  let outcome: CheckOutcome;
  try {
    const work: Promise<CheckOutcome> = spec.tcp
      ? expressionEnv(tcp?.envOfPid, vars, opts.env ?? process.env).then((env) =>
          tcpCheck(
            { ...spec.tcp!, pattern: check.tcp?.pattern },
            Math.max(100, check.timeout - 50),
            env,
            ac.signal,
          ),
        )
      : spec.diskFree
        ? diskFreeCheck(spec.diskFree)
        : spec.process
          ? processCheck(spec.process)
          : Promise.reject(new CasepackError('profile', 'check has no kind'));
    outcome = await Promise.race([work, timeout]);
  } catch (e) {
    outcome = { status: 'error', message: errorMessage(e) };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
  return { ...base, ...outcome, durationMs: Math.round(performance.now() - t0) };
}

function manifestItem(r: CheckResult): ManifestItem {
  const status = r.status === 'skipped' ? 'skipped' : r.status === 'error' ? 'failed' : 'collected';
  return {
    id: `check:${r.id}`,
    spec: r.id,
    type: 'check',
    source: `check:${r.id}`,
    status,
    ...(status === 'collected' ? { result: r.status } : {}),
    // The verdict first, so that a line "collected check:db: fail: ..." reads right.
    // "passed", not "pass": `pass: running` reads as a password to the redactor and the leak check.
    reason:
      status === 'collected'
        ? `${r.status === 'pass' ? 'passed' : r.status}: ${r.message}`
        : r.message,
    durationMs: r.durationMs,
  };
}

export async function runChecks(
  checks: ProfiledCheck[],
  sink: EntrySink,
  session: RedactionSession,
  opts: RunChecksOptions = {},
): Promise<ChecksReport> {
  if (checks.length === 0) return { items: [], results: [] };
  const startedAt = new Date();
  const run = followSignal(opts.signal);
  let raw: CheckResult[];
  try {
    raw = await Promise.all(checks.map((c) => runOne(c, { ...opts, signal: run.signal })));
  } finally {
    run.dispose();
  }
  // Messages quote hosts and file contents: they pass the redactor like the file does.
  const results = raw.map((r) => ({
    ...r,
    message: session.redactText(r.message, { id: `check:${r.id}`, source: `check:${r.id}` }).text,
  }));
  // Key names a redactor would never take for secrets (`pass: 2` looks like a password).
  const summary = { passed: 0, failed: 0, skipped: 0, errors: 0 };
  const key = { pass: 'passed', fail: 'failed', skipped: 'skipped', error: 'errors' } as const;
  for (const r of results) summary[key[r.status]]++;
  const json = JSON.stringify(
    {
      section: 'checks',
      title: 'Health checks',
      collectedAt: startedAt.toISOString(),
      summary,
      checks: results,
    },
    null,
    2,
  );
  const red = session.redactText(`${json}\n`, { id: 'system:checks', source: 'system:checks' });
  let fileItem: ManifestItem;
  let written: CheckResult[] = results;
  try {
    const res = await sink.addBuffer(CHECKS_ENTRY, red.text, { mtime: startedAt });
    fileItem = {
      id: 'system:checks',
      type: 'system',
      source: 'system:checks',
      path: res.name,
      size: res.size,
      compressedSize: res.compressedSize,
      sha256: res.sha256,
      status: 'collected',
      startedAt: startedAt.toISOString(),
      redaction: { counts: red.counts },
    };
    try {
      written = (JSON.parse(red.text) as { checks: CheckResult[] }).checks;
    } catch {
      // the redactor changed the JSON's shape: report.html shows the messages redacted one by one
    }
  } catch (e) {
    throw new SinkError(e);
  }
  return { items: [fileItem, ...results.map(manifestItem)], results: written };
}
