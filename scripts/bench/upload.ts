// SFTP upload of a 1 GiB bundle to the test drop box (OpenSSH on 127.0.0.1:2222, started by
// scripts/test-env/up.sh), interleaved: OpenSSH's own `sftp put`, casepack's upload code timed by
// phase (upload-child.ts), and `casepack submit` end to end (hash, upload, read-back check, rename).
// Skipped with a note when the drop box is not running.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { openBundle } from '../../core/node/bundle/bundle-writer.js';
import { baseManifest } from '../../test/support/bundle-builder.js';
import { casepackSpec, REPO } from './casepack-subject.js';
import { measure, median } from './measure.js';
import type { BenchContext } from './sections.js';
import type { SshdFacts } from '../../test/support/submit-env.js';

const GIB = 1024 ** 3;

function sshdFacts(): SshdFacts | undefined {
  const state = process.env.CASEPACK_TEST_STATE ?? '/tmp/casepack-test-env';
  const file = path.join(state, 'sshd.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SshdFacts) : undefined;
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => (s.destroy(), resolve(ok));
    s.setTimeout(2000, () => done(false));
    s.once('data', (d) => done(d.toString('latin1').startsWith('SSH-')));
    s.once('error', () => done(false));
  });
}

/**
 * A real bundle (the bundle writer, a manifest that lists its one random payload), made once:
 * `casepack submit` verifies a bundle before it sends it, as it would a collected one.
 */
async function bundle(work: string, size: number): Promise<string> {
  const name = `upload-bundle-v2-${size}.zip`;
  const file = path.join(work, name);
  if (existsSync(file)) return file;
  const w = await openBundle({ dir: work, name });
  const payload = Readable.from(randomChunks(size));
  const r = await w.addEntry('files/payload.bin', payload, { store: true });
  const manifest = baseManifest();
  manifest.items.push({
    id: 'payload',
    type: 'file',
    kind: 'other',
    source: '/dev/urandom',
    path: r.name,
    size: r.size,
    sha256: r.sha256,
    status: 'collected',
  });
  const caseJson = {
    mode: 'new',
    summary: 'bench upload',
    type: 'question',
    severity: 'P4',
    description: 'Benchmark upload of a synthetic bundle.',
    contact: { name: 'Bench', email: 'bench@example.org' },
    product: { name: 'casepack', version: 'bench' },
  };
  const done = await w.finish({
    manifest,
    caseJson,
    reportHtml: '<!doctype html><title>bench</title>',
  });
  return done.path;
}

function* randomChunks(size: number): Generator<Buffer> {
  for (let left = size; left > 0; left -= 1 << 20) yield randomBytes(Math.min(left, 1 << 20));
}

/** A fresh folder under the drop box's upload/ owned by its user: [remote path, local path]. */
function remoteFolder(f: SshdFacts): [string, string] {
  const sub = `bench-${randomBytes(4).toString('hex')}`;
  const local = path.join(f.chroot, f.uploadDir, sub);
  mkdirSync(local);
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, f.user], { encoding: 'utf8' }).trim());
  chownSync(local, id('-u'), id('-g'));
  return [path.posix.join(f.uploadDir, sub), local];
}

export async function uploadSection(ctx: BenchContext, size = GIB) {
  const name = 'upload';
  const goal = '>= 0.8x sftp put throughput';
  const f = sshdFacts();
  if (!f || !(await listening(f.host, f.port))) {
    const why =
      'the test drop box is not running (bash scripts/test-env/install.sh && bash scripts/test-env/up.sh, as root)';
    ctx.targets.push({ name, target: goal, value: '-', note: why });
    ctx.notes.add(`upload: skipped: ${why}`);
    return undefined;
  }
  if (!existsSync(path.join(REPO, 'dist', 'core', 'node', 'submit', 'sftp', 'upload.js'))) {
    ctx.targets.push({ name, target: goal, value: '-', note: 'the SFTP submitter has not landed' });
    return undefined;
  }
  const file = await bundle(ctx.work, size);
  const bytes = statSync(file).size;
  const knownHosts = path.join(ctx.work, 'known_hosts');
  writeFileSync(knownHosts, `[${f.host}]:${f.port} ${f.hostKey}\n`);
  const target = {
    type: 'sftp',
    host: f.host,
    port: f.port,
    user: f.user,
    privateKey: { file: f.privateKeyFile },
    hostKey: f.hostKey,
  };
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'upload-child.ts');
  const runs = {
    sftp: [] as number[],
    upload: [] as number[],
    child: [] as Array<Record<string, number>>,
    submit: [] as number[],
  };
  for (let rep = 0; rep < ctx.repeat; rep++) {
    // OpenSSH: sftp put, batch mode, the pinned host key only.
    let [remote, local] = remoteFolder(f);
    const batch = path.join(ctx.work, 'sftp-batch');
    writeFileSync(batch, `put ${file} ${remote}/bundle.zip\n`);
    const s = await measure(
      {
        argv: [
          'sftp',
          '-q',
          '-b',
          batch,
          '-i',
          f.privateKeyFile,
          '-P',
          String(f.port),
          '-o',
          `UserKnownHostsFile=${knownHosts}`,
          '-o',
          'StrictHostKeyChecking=yes',
          '-o',
          'BatchMode=yes',
          `${f.user}@${f.host}`,
        ],
      },
      ctx.work,
    );
    rmSync(local, { recursive: true, force: true });
    if (s.exitCode !== 0) throw new Error(`sftp put failed: ${s.stderr.trim().slice(-300)}`);
    runs.sftp.push(s.wall_s);

    // casepack's upload code, by phase.
    [remote, local] = remoteFolder(f);
    const args = {
      repo: REPO,
      bundle: file,
      size: bytes,
      remotePath: `${remote}/bundle.zip`,
      dataDir: path.join(ctx.ce.dir, 'data'),
      target,
    };
    const c = await measure(
      { argv: [process.execPath, '--import', 'tsx', child, JSON.stringify(args)], cwd: REPO },
      ctx.work,
    );
    rmSync(local, { recursive: true, force: true });
    if (c.exitCode !== 0) throw new Error(`casepack upload failed: ${c.stderr.trim().slice(-300)}`);
    const phases = JSON.parse(c.stdout) as Record<string, number>;
    runs.child.push({ ...phases, cpu_s: c.cpu_s, max_rss_mb: c.max_rss_mb });
    runs.upload.push(phases.upload_s!);

    // casepack submit, end to end.
    [remote, local] = remoteFolder(f);
    const config = path.join(ctx.work, 'submit-config.yaml');
    writeFileSync(config, JSON.stringify({ targets: { bench: { ...target, dir: remote } } }), {
      mode: 0o600,
    });
    const data = path.join(ctx.work, `submit-data-${rep}`);
    rmSync(data, { recursive: true, force: true });
    const spec = casepackSpec(
      ['--config', config, 'submit', file, '--target', 'bench', '--json'],
      ctx.ce,
    );
    const e = await measure({ ...spec, env: { ...spec.env, CASEPACK_DATA_DIR: data } }, ctx.work);
    rmSync(local, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
    if (e.exitCode !== 0)
      throw new Error(`casepack submit failed: ${(e.stderr || e.stdout).trim().slice(-300)}`);
    runs.submit.push(e.wall_s);
    ctx.log(
      `  run ${rep + 1}: sftp put ${s.wall_s.toFixed(2)} s, casepack upload ${phases.upload_s!.toFixed(2)} s, casepack submit ${e.wall_s.toFixed(2)} s`,
    );
  }
  const ratio = median(runs.sftp.map((x, i) => x / runs.upload[i]!));
  const submitRatio = median(runs.sftp.map((x, i) => x / runs.submit[i]!));
  const mbps = (s: number) => `${(bytes / 1e6 / s).toFixed(0)} MB/s`;
  ctx.rows.push(
    {
      name: `sftp put (OpenSSH), ${(bytes / GIB).toFixed(2)} GiB`,
      value: mbps(median(runs.sftp)),
      note: `${median(runs.sftp).toFixed(2)} s`,
    },
    {
      name: 'casepack SFTP upload phase',
      value: mbps(median(runs.upload)),
      note: `${median(runs.upload).toFixed(2)} s; ${ratio.toFixed(2)}x sftp put`,
    },
    {
      name: 'casepack submit, end to end',
      value: mbps(median(runs.submit)),
      note: `${median(runs.submit).toFixed(2)} s incl. hashing and the read-back check; ${submitRatio.toFixed(2)}x sftp put`,
    },
  );
  ctx.targets.push({ name, target: goal, value: `${ratio.toFixed(2)}x`, met: ratio >= 0.8 });
  return { bytes, runs, ratio_upload_to_sftp: ratio, ratio_submit_to_sftp: submitRatio };
}
