// The time-window seek: the last hour of a large timestamped log, found by casepack's binary search
// on byte offsets (core/node/collect/log-window.ts) and then streamed, against a full scan that
// reads every line and parses its timestamp. Both in this process, on a warm page cache; then the
// same extraction end to end through `casepack collect`.
import { mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { detectFormat, HEAD_CHARS } from '../../core/common/time/detect.js';
import { ZoneClock } from '../../core/common/time/zone.js';
import { FileReader, STREAM_CHUNK } from '../../core/node/collect/file-reader.js';
import { planWindow } from '../../core/node/collect/log-window.js';
import { casepackSpec, collectArgs, writeProfile } from './casepack-subject.js';
import { generateSeekLog } from './generate.js';
import { measure, median } from './measure.js';
import type { BenchContext } from './sections.js';

const HOUR = 3600_000;
const TARGET_MS = 100;

/** casepack's way: plan the window by binary search, then read only [start, end). */
async function seekOnce(file: string, since: number, until: number) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const r = new FileReader(fh, size);
    const w = await planWindow(r, {
      since,
      until,
      maxBytes: Number.MAX_SAFE_INTEGER,
      ctx: { zone: new ZoneClock('UTC'), referenceMs: Date.now() },
    });
    if (w.outcome !== 'range') throw new Error(`the seek found no window (${w.outcome})`);
    const probeReads = r.stats.reads;
    let bytes = 0;
    for (let pos = w.start; pos < w.end;) {
      const b = await r.read(pos, Math.min(STREAM_CHUNK, w.end - pos));
      if (!b.length) break;
      pos += b.length;
      bytes += b.length;
    }
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    return { ms: performance.now() - t, cpuMs, bytes, probeReads, reads: r.stats.reads };
  } finally {
    await fh.close();
  }
}

/** The naive way: read everything, parse each line's timestamp, keep the lines in the window. */
async function fullScan(file: string, since: number, until: number) {
  const t = performance.now();
  const ctx = { zone: new ZoneClock('UTC'), referenceMs: Date.now() };
  const fh = await open(file, 'r');
  let bytes = 0;
  let keep = false;
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const det = detectFormat(head.toString('latin1', 0, bytesRead).split('\n').slice(0, -1), ctx);
    if (!det) throw new Error('no timestamp format detected');
    let rest = '';
    for await (const chunk of fh.createReadStream({ highWaterMark: 1 << 20, start: 0 })) {
      const lines = (rest + (chunk as Buffer).toString('latin1')).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const ts = det.format.parse(
          line.length > HEAD_CHARS ? line.slice(0, HEAD_CHARS) : line,
          ctx,
        );
        if (ts !== undefined) keep = ts >= since && ts < until;
        if (keep) bytes += line.length + 1;
      }
    }
    if (keep) bytes += rest.length;
  } finally {
    await fh.close().catch(() => undefined);
  }
  return { ms: performance.now() - t, bytes };
}

export async function seekSection(ctx: BenchContext, seekSize: number) {
  const log = await generateSeekLog(ctx.work, seekSize, ctx.seed);
  const until = log.lastMs + 1;
  const since = until - HOUR;
  const seeks = [];
  for (let i = 0; i < Math.max(5, ctx.repeat); i++)
    seeks.push(await seekOnce(log.file, since, until));
  const seekMs = median(seeks.map((s) => s.ms));
  // Judged on CPU time, like start-up: on a warm cache the seek is one thread's work, and under
  // the shared machine's load its wall time is mostly waiting for a core.
  const seekCpuMs = median(seeks.map((s) => s.cpuMs));
  ctx.log(
    `  seek: ${seekMs.toFixed(1)} ms wall, ${seekCpuMs.toFixed(1)} ms CPU (${seeks[0]!.probeReads} probe reads, ${(seeks[0]!.bytes / 1e6).toFixed(1)} MB in the window)`,
  );
  const scan = await fullScan(log.file, since, until);
  ctx.log(`  full scan: ${(scan.ms / 1000).toFixed(2)} s`);
  if (scan.bytes !== seeks[0]!.bytes)
    ctx.notes.add(
      `seek: the full scan kept ${scan.bytes} bytes, the seek ${seeks[0]!.bytes}: they should agree`,
    );

  // The same, end to end: `casepack collect` of that one file with the last hour as the window.
  let cli: { wall_s: number; cpu_s: number; max_rss_mb: number } | undefined;
  if (ctx.help) {
    const profile = path.join(ctx.work, 'bench-seek.yaml');
    writeProfile(profile, 'bench-seek', log.file);
    const out = path.join(ctx.work, 'seek-out');
    mkdirSync(out, { recursive: true }); // collect writes into an existing folder only
    const args = collectArgs(ctx.help, profile, out, { systemReport: false }, ctx.notes);
    // Replace the all-time window by the last hour.
    const i = args.indexOf('--since');
    args.splice(
      i,
      4,
      '--since',
      new Date(since).toISOString(),
      '--until',
      new Date(until).toISOString(),
    );
    const runs = [];
    for (let k = 0; k < ctx.repeat; k++) {
      const s = await measure(casepackSpec(args, ctx.ce), ctx.work);
      if (s.exitCode !== 0)
        throw new Error(`casepack collect (seek) failed: ${s.stderr.trim().slice(-400)}`);
      runs.push(s);
    }
    cli = {
      wall_s: median(runs.map((r) => r.wall_s)),
      cpu_s: median(runs.map((r) => r.cpu_s)),
      max_rss_mb: median(runs.map((r) => r.max_rss_mb)),
    };
  }

  const gb = (log.bytes / 1024 ** 3).toFixed(1);
  ctx.rows.push(
    {
      name: `seek: last hour of a ${gb} GiB log`,
      value: `${seekMs.toFixed(1)} ms`,
      note: `CPU ${seekCpuMs.toFixed(1)} ms; ${seeks[0]!.probeReads} probe reads + ${(seeks[0]!.bytes / 1e6).toFixed(1)} MB streamed; median of ${seeks.length}`,
    },
    {
      name: 'full scan of the same log',
      value: `${(scan.ms / 1000).toFixed(2)} s`,
      note: 'read every line, parse its timestamp',
    },
  );
  if (cli)
    ctx.rows.push({
      name: 'casepack collect, last hour only',
      value: `${cli.wall_s.toFixed(2)} s`,
      note: 'end to end: start-up, seek, redact, zip (no system report)',
    });
  ctx.targets.push({
    name: 'time window seek',
    target: `< ${TARGET_MS} ms`,
    value: `${seekCpuMs.toFixed(1)} ms CPU, ${seekMs.toFixed(1)} ms wall`,
    met: seekCpuMs < TARGET_MS,
  });
  return {
    file: log.file,
    bytes: log.bytes,
    since,
    until,
    seek_ms: seekMs,
    seek_cpu_ms: seekCpuMs,
    seeks,
    full_scan_ms: scan.ms,
    window_bytes: seeks[0]!.bytes,
    cli,
  };
}
