// The real zip64 check, too slow for the test suite (about a minute): one entry of 4 GiB + 1 MiB,
// written by the bundle writer and read back by `unzip -t`, yauzl and Python's zipfile.
//
//   npx tsx scripts/bench/zip64-check.ts
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readEverywhere } from '../../test/support/zip-readers.js';
import { zipEntry } from './zip-entry.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'casepack-zip64-'));
try {
  const bytes = 4 * 1024 ** 3 + 1024 ** 2;
  const r = await zipEntry(dir, bytes, true);
  const read = await readEverywhere(r.path);
  const got = read['logs/big.log'];
  if (!got || got.size !== bytes || got.sha256 !== r.entry.sha256)
    throw new Error(`zip64 entry read back wrong: ${JSON.stringify(got)}`);
  process.stdout.write(
    `ok: ${bytes} bytes in one entry (zip64), ${r.zipBytes} bytes zipped in ${r.ms} ms; unzip -t, yauzl and Python agree\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
