// The README that travels with an exported bundle: what the file is, how to check it arrived
// unchanged, and how to hand it to the vendor, for someone who may not know casepack.
import { hostname } from 'node:os';
import { formatBytes } from '../../../common/units.js';
import type { BundleFacts } from '../bundle-file.js';
import type { VendorKey } from './pgp.js';

export interface ReadmeFacts {
  name: string;
  size: number;
  sha256: string;
  bundle: BundleFacts;
  caseNumber?: string;
  key?: VendorKey;
}

export function readmeText(f: ReadmeFacts): string {
  const lines = [
    `${f.name}`,
    '='.repeat(Math.min(f.name.length, 78)),
    '',
    `A support bundle made by casepack on ${hostname()} on ${new Date().toISOString()}`,
    f.caseNumber ? `for support case ${f.caseNumber}.` : 'for a new support case.',
    'Secrets were removed from it before it was written.',
    '',
    `File:    ${f.name}`,
    `Size:    ${f.size} bytes (${formatBytes(f.size)})`,
    `SHA-256: ${f.sha256}`,
    '',
    'Check that it arrived unchanged (on the connected machine):',
    `  sha256sum -c ${f.name}.sha256`,
    `  (Windows PowerShell: Get-FileHash -Algorithm SHA256 ${f.name})`,
    '',
  ];
  if (f.key)
    lines.push(
      `It is encrypted with OpenPGP to the vendor's key ${f.key.fingerprint}`,
      `(${f.key.userIds.join(', ')}): only the vendor can open it. Carry it as it is.`,
      '',
      'The vendor opens it with:',
      `  gpg --decrypt --output ${f.bundle.name} ${f.name}`,
      `  casepack verify ${f.bundle.name}`,
      `The decrypted bundle's SHA-256 is ${f.bundle.sha256}.`,
      '',
    );
  if (f.key)
    lines.push(
      'Send it to the vendor as it is, from a machine with network access: upload it to the',
      "vendor's drop box or portal (for example with sftp) and quote the case number.",
      '',
    );
  else
    lines.push(
      'Send it to the vendor from a machine with network access:',
      `  casepack submit ${f.name} --target <target>${f.caseNumber ? ` --case ${f.caseNumber}` : ''}`,
      "or upload it to the vendor's drop box or portal and quote the case number.",
      '`casepack verify` checks every file inside it against its manifest first.',
      '',
    );
  return lines.join('\n');
}
