// Independent readers for the zips casepack writes: Info-ZIP's `unzip -t`, yauzl (what verify
// uses) and Python's zipfile (a second, unrelated implementation). Each streams every entry and
// returns its size and sha256, so tests compare content without holding it in memory.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import yauzl from 'yauzl';

const run = promisify(execFile);

export interface EntryDigest {
  size: number;
  sha256: string;
}

export interface YauzlEntry extends EntryDigest {
  method: number;
  compressedSize: number;
}

/** `unzip -t`: throws with unzip's output unless every entry tests OK. */
export async function unzipTest(file: string): Promise<string> {
  try {
    const { stdout } = await run('unzip', ['-t', file], { maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`unzip -t failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`, {
      cause: e,
    });
  }
}

/** Every entry through yauzl, with its CRC-32 checked here (yauzl does not check it). */
export function readWithYauzl(file: string): Promise<Map<string, YauzlEntry>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, YauzlEntry>();
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e2, stream) => {
          if (e2) return reject(e2);
          const hash = createHash('sha256');
          let crc = 0;
          let size = 0;
          stream.on('data', (b: Buffer) => {
            hash.update(b);
            crc = zlib.crc32(b, crc);
            size += b.length;
          });
          stream.on('error', reject);
          stream.on('end', () => {
            if (crc >>> 0 !== entry.crc32)
              return reject(new Error(`yauzl: CRC mismatch in ${entry.fileName}`));
            out.set(entry.fileName, {
              size,
              sha256: hash.digest('hex'),
              method: entry.compressionMethod,
              compressedSize: entry.compressedSize,
            });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

const PY = `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    out = {}
    for info in z.infolist():
        h = hashlib.sha256(); n = 0
        with z.open(info) as f:  # checks the CRC-32 at the end of each entry
            while True:
                b = f.read(1 << 20)
                if not b: break
                h.update(b); n += len(b)
        out[info.filename] = {"size": n, "sha256": h.hexdigest(), "method": info.compress_type,
                              "utf8": bool(info.flag_bits & 0x800)}
    print(json.dumps(out))
`;

export interface PythonEntry extends EntryDigest {
  method: number;
  utf8: boolean;
}

/** Every entry through Python's zipfile (CRC and sizes checked by Python). */
export async function readWithPython(file: string): Promise<Map<string, PythonEntry>> {
  const { stdout } = await run('python3', ['-c', PY, file], { maxBuffer: 512 * 1024 * 1024 });
  return new Map(Object.entries(JSON.parse(stdout) as Record<string, PythonEntry>));
}

/** Names, sizes and sha256 only, for comparing readers with each other and with the input. */
export function digests(m: Map<string, EntryDigest>): Record<string, EntryDigest> {
  return Object.fromEntries(
    [...m]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, { size: v.size, sha256: v.sha256 }]),
  );
}

/** Check a zip with all three readers; returns the digests they agree on. */
export async function readEverywhere(file: string): Promise<Record<string, EntryDigest>> {
  await unzipTest(file);
  const [y, p] = await Promise.all([readWithYauzl(file), readWithPython(file)]);
  const fromYauzl = digests(y);
  const fromPython = digests(p);
  if (JSON.stringify(fromYauzl) !== JSON.stringify(fromPython))
    throw new Error('yauzl and Python read different content');
  return fromYauzl;
}
