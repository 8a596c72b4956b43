// First use of an SFTP drop box: show the server's host key fingerprint, and remember it once the
// user confirmed it (`casepack targets trust NAME`, or the UI's question).
import type { HostKeyInfo } from '../../../common/api/submit.js';
import type { SftpTarget } from '../../../common/targets/schema.js';
import { permanent } from '../errors.js';
import { probeHostKey, sftpPort } from './connect.js';
import { matchesPin, rememberKey, rememberedKey } from './host-keys.js';

export async function hostKeyInfo(
  name: string,
  t: SftpTarget,
  dataDir: string,
): Promise<HostKeyInfo> {
  const key = await probeHostKey({ name, target: t, dataDir });
  const port = sftpPort(t);
  let trust: HostKeyInfo['trust'];
  if (t.hostKey) trust = matchesPin(t.hostKey, key) ? 'pinned' : 'mismatch';
  else {
    const known = await rememberedKey(dataDir, t.host, port);
    trust = !known ? 'unknown' : known.base64 === key.base64 ? 'remembered' : 'mismatch';
  }
  return {
    target: name,
    host: t.host,
    port,
    algorithm: key.algorithm,
    fingerprint: key.fingerprint,
    trust,
  };
}

/** Remember the server's key, only if it is the one the user confirmed. */
export async function trustHostKey(
  name: string,
  t: SftpTarget,
  dataDir: string,
  fingerprint: string,
): Promise<HostKeyInfo> {
  const key = await probeHostKey({ name, target: t, dataDir });
  if (key.fingerprint !== fingerprint.trim().replace(/=+$/, ''))
    throw permanent(
      'auth',
      `the SFTP server ${t.host}:${sftpPort(t)} presents ${key.fingerprint}, not ${fingerprint}: nothing was remembered`,
    );
  if (t.hostKey && !matchesPin(t.hostKey, key))
    throw permanent(
      'config',
      `the settings pin a different host key for "${name}" (hostKey); fix the settings instead`,
    );
  await rememberKey(dataDir, t.host, sftpPort(t), key);
  return {
    target: name,
    host: t.host,
    port: sftpPort(t),
    algorithm: key.algorithm,
    fingerprint: key.fingerprint,
    trust: t.hostKey ? 'pinned' : 'remembered',
  };
}
