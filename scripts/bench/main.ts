// `npm run bench [-- --size 1G] [--json FILE]`: casepack against zip, tar and pigz on one seeded
// synthetic tree, in one run, plus the redactor's speed, the time-window seek, start-up, memory
// flatness and the SFTP upload ratio. A benchmark, not a test: nothing here fails a build.
// docs/technical/performance.md explains every figure.
import { closeSync, mkdirSync, openSync, readSync, readdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parseSize } from '../../core/common/units.js';
import { casepackEnv, casepackSubject, collectOptions } from './casepack-subject.js';
import { compare, type CommandResult } from './compare.js';
import { generateTree } from './generate.js';
import { haveGnuTime } from './measure.js';
import { commandTable, rowsTable, targetsTable, type Row, type Target } from './report.js';
import { runSections, SECTIONS, type Section } from './sections.js';
import { referenceSubjects } from './subjects.js';

interface Opts {
  size: string;
  json?: string;
  repeat: string;
  work: string;
  seed: string;
  only?: string;
  flat?: boolean;
  flatSize: string;
  seekSize: string;
  uploadSize: string;
  clean?: boolean;
}

const log = (s: string) => process.stderr.write(s + '\n');

function sizeOpt(name: string, v: string): number {
  const n = parseSize(v);
  if (!n) throw new Error(`${name}: not a size: ${v} (write e.g. 1G, 512MiB)`);
  return n;
}

/** Reads every file once so that every command starts from the same warm page cache. */
function warm(dir: string): void {
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const fd = openSync(path.join(e.parentPath, e.name), 'r');
    while (readSync(fd, buf, 0, buf.length, null) > 0);
    closeSync(fd);
  }
}

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

async function main(): Promise<void> {
  const program = new Command('bench')
    .description(
      'casepack against zip/tar/pigz on a seeded synthetic tree (docs/technical/performance.md)',
    )
    .option('--size <size>', 'size of the synthetic tree', '1G')
    .option('--json <file>', 'also write the results as JSON')
    .option('--repeat <n>', 'runs per command (the median is reported)', '3')
    .option('--work <dir>', 'where trees and outputs go', path.join(os.tmpdir(), 'casepack-bench'))
    .option('--seed <n>', 'generator seed', '20261127')
    .option('--only <sections>', `comma-separated: compare,${SECTIONS.join(',')}`)
    .option('--flat', 'also measure memory flatness on a larger tree (--flat-size)')
    .option('--flat-size <size>', 'the larger tree for --flat', '4G')
    .option('--seek-size <size>', 'the timestamped log for the seek', '2G')
    .option('--upload-size <size>', 'the bundle uploaded over SFTP', '1G')
    .option('--clean', 'remove the generated trees at the end (they are reused otherwise)')
    .parse();
  const o = program.opts<Opts>();
  const size = sizeOpt('--size', o.size);
  const repeat = Math.max(1, Number(o.repeat) || 3);
  const seed = Number(o.seed) >>> 0;
  const only = o.only ? new Set(o.only.split(',').map((s) => s.trim())) : undefined;
  const wants = (s: string) => (only ? only.has(s) : s !== 'flat' || Boolean(o.flat));
  if (!haveGnuTime())
    throw new Error('GNU time is missing: install the Debian package `time` (/usr/bin/time)');
  const work = path.resolve(o.work);
  mkdirSync(work, { recursive: true });
  const startedAt = new Date().toISOString();
  const before = machine();
  log(`casepack bench: ${o.size} tree, ${repeat} runs each, work folder ${work}`);
  log(`machine: ${before.cpus} CPUs, load ${before.loadavg.join(' ')} (1/5/15 min)`);

  const t0 = Date.now();
  const tree = await generateTree(work, size, seed);
  log(
    `tree: ${tree.files} files, ${(tree.bytes / 1e6).toFixed(0)} MB in ${tree.dir} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
  warm(tree.dir);

  const ce = casepackEnv(work);
  const help = collectOptions(ce);
  const notes = new Set<string>();
  let commands: CommandResult[] = [];
  if (wants('compare')) {
    const subjects = referenceSubjects(tree.dir);
    if (help)
      subjects.push(
        casepackSubject(tree.dir, work, ce, help, notes),
        casepackSubject(tree.dir, work, ce, help, notes, false),
      );
    else
      notes.add('`casepack collect` is not available (not built, or not landed): no casepack row');
    log('comparing (interleaved runs):');
    commands = await compare(subjects, {
      repeat,
      work,
      inputBytes: tree.bytes,
      cores: os.cpus().length,
      notes,
      log,
    });
  }

  const rows: Row[] = [];
  const targets: Target[] = [];
  const ctx = { work, tree, size, seed, repeat, ce, help, notes, commands, log, rows, targets };
  const sections: Section[] = SECTIONS.filter(wants);
  const extra = await runSections(sections, ctx, {
    flatSize: sizeOpt('--flat-size', o.flatSize),
    seekSize: sizeOpt('--seek-size', o.seekSize),
    uploadSize: sizeOpt('--upload-size', o.uploadSize),
  });

  const after = machine();
  const out = [
    '',
    `casepack bench, ${startedAt}; tree ${(tree.bytes / 1e6).toFixed(0)} MB, ${tree.files} files (seed ${seed}); median of ${repeat}`,
    `load average before ${before.loadavg.join(' ')}, after ${after.loadavg.join(' ')} on ${before.cpus} CPUs`,
    '',
    commands.length ? commandTable(commands) : '(no command comparison in this run)',
    '',
    rows.length ? rowsTable(rows) : '',
    '',
    targetsTable(targets),
    ...[...notes].map((n) => `note: ${n}`),
    '',
  ].join('\n');
  process.stdout.write(out);
  if (o.json) {
    const json = {
      startedAt,
      machine: { ...before, loadavgAfter: after.loadavg },
      tree,
      repeat,
      commands,
      rows,
      targets,
      ...extra,
      notes: [...notes],
    };
    await writeFile(path.resolve(o.json), JSON.stringify(json, null, 2) + '\n');
    log(`results written to ${path.resolve(o.json)}`);
  }
  if (o.clean) rmSync(work, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  log(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
