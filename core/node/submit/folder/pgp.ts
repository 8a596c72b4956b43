// OpenPGP encryption of a bundle to the vendor's public key (openpgp), streamed, in the form Debian's
// gpg 2.2 reads: a v4 key, SEIPD v1 with MDC (no AEAD), no compression (a zip does not shrink).
import { readFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import * as openpgp from 'openpgp';
import { permanent } from '../errors.js';

export interface VendorKey {
  key: openpgp.PublicKey;
  fingerprint: string;
  userIds: string[];
}

export async function readVendorKey(file: string): Promise<VendorKey> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    throw permanent(
      'config',
      `cannot read the vendor's public key ${file}: ${(e as NodeJS.ErrnoException).code}`,
    );
  }
  let key: openpgp.PublicKey;
  try {
    const text = data.toString('utf8');
    key = text.includes('-----BEGIN PGP')
      ? ((await openpgp.readKey({ armoredKey: text })) as openpgp.PublicKey)
      : ((await openpgp.readKey({ binaryKey: new Uint8Array(data) })) as openpgp.PublicKey);
  } catch (e) {
    throw permanent('config', `${file} is not an OpenPGP public key: ${(e as Error).message}`);
  }
  if (key.isPrivate())
    throw permanent('config', `${file} holds a PRIVATE key; give the vendor's public key only`);
  if (key.keyPacket.version !== 4)
    throw permanent(
      'config',
      `${file} is a version ${key.keyPacket.version} key; gpg 2.2 (Debian 12) cannot decrypt for it: ask the vendor for a v4 key`,
    );
  try {
    await key.getEncryptionKey();
  } catch (e) {
    throw permanent(
      'config',
      `the key in ${file} cannot be used for encryption (${(e as Error).message})`,
    );
  }
  return {
    key,
    fingerprint: key.getFingerprint().toUpperCase(),
    userIds: key.getUserIDs(),
  };
}

/** The bundle's bytes, encrypted to `key`, as a stream. */
export async function encryptStream(
  bundlePath: string,
  name: string,
  key: VendorKey,
): Promise<Readable> {
  const source = Readable.toWeb(
    createReadStream(bundlePath, { highWaterMark: 1 << 20 }),
  ) as unknown as ReadableStream<Uint8Array>;
  const message = await openpgp.createMessage({ binary: source, filename: name, format: 'binary' });
  const encrypted = await openpgp.encrypt({
    message,
    encryptionKeys: key.key,
    format: 'binary',
    config: {
      aeadProtect: false,
      preferredCompressionAlgorithm: openpgp.enums.compression.uncompressed,
    },
  });
  return Readable.fromWeb(encrypted as unknown as WebReadableStream<Uint8Array>);
}
