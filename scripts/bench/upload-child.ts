// One upload with casepack's SFTP code (the compiled dist/ modules), timed by phase: hash the bundle,
// connect, upload (until the server confirmed the last byte), read back and check, rename, with the
// CPU time of each phase (this process only; the server's is its own). Prints one JSON object. Run by upload.ts as its own process, so its CPU time and memory are its own.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

interface Args {
  repo: string;
  bundle: string;
  size: number;
  remotePath: string;
  dataDir: string;
  target: Record<string, unknown>;
}

const args = JSON.parse(process.argv[2]!) as Args;
const load = async <T>(rel: string) =>
  (await import(pathToFileURL(path.join(args.repo, 'dist', rel)).href)) as T;

const { hashFile } = await load<{ hashFile(f: string): Promise<string> }>(
  'core/node/submit/bundle-file.js',
);
const { connectSftp } = await load<{
  connectSftp(o: Record<string, unknown>): Promise<{ sftp: unknown; close(): void }>;
}>('core/node/submit/sftp/connect.js');
const { uploadResumable } = await load<{
  uploadResumable(r: Record<string, unknown>): Promise<unknown>;
}>('core/node/submit/sftp/upload.js');

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const t0 = performance.now();
const c0 = cpu();
const sha256 = await hashFile(args.bundle);
const tHash = performance.now();
const cHash = cpu();
const session = await connectSftp({ name: 'bench', target: args.target, dataDir: args.dataDir });
const tConn = performance.now();
const cConn = cpu();
let uploaded = 0;
let tUp = 0;
let cUp = 0;
await uploadResumable({
  sftp: session.sftp,
  localPath: args.bundle,
  size: args.size,
  sha256,
  remotePath: args.remotePath,
  stallMs: 60_000,
  onBytes(phase: string, n: number) {
    if (phase !== 'upload') return;
    uploaded += n;
    if (uploaded < args.size) return;
    tUp = performance.now();
    cUp = cpu();
  },
});
const tEnd = performance.now();
const cEnd = cpu();
session.close();
const s = (ms: number) => ms / 1000;
process.stdout.write(
  JSON.stringify({
    hash_s: s(tHash - t0),
    connect_s: s(tConn - tHash),
    upload_s: s(tUp - tConn),
    verify_rename_s: s(tEnd - tUp),
    total_s: s(tEnd - t0),
    hash_cpu_s: cHash - c0,
    upload_cpu_s: cUp - cConn,
    verify_rename_cpu_s: cEnd - cUp,
  }) + '\n',
);
