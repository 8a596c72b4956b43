// `casepack pseudonyms lookup TOKEN`: an IP address is mapped back with the site key (Crypto-PAn
// is invertible; IPs are not stored), anything else is looked up in the mapping file. IP
// pseudonyms made by an older casepack (before Crypto-PAn) were stored instead; such a token is
// reported as ambiguous rather than decrypted into an address it never stood for.
import type { PseudonymLookupReply } from '../../common/api/redaction.js';
import { parseIPv6, restoreIPv4, restoreIPv6 } from '../../common/redact/pseudonym-ip.js';
import { lookupPseudonym } from './pseudonym-store.js';
import { pseudonymKeys, readSiteKey } from './site-key.js';

/** `10.1.2.3`, `fe80:...`, or the form inside names (`10-1-2-3`, `dhcp-10-1-2-3`): the address. */
function ipForm(token: string): { v: 4 | 6; addr: string } | undefined {
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(token)) return { v: 4, addr: token };
  const dashed = /^(?:[A-Za-z][A-Za-z0-9]*-)?(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})$/.exec(token);
  if (dashed) return { v: 4, addr: dashed.slice(1).join('.') };
  if (token.includes(':') && parseIPv6(token)) return { v: 6, addr: token.toLowerCase() };
  return undefined;
}

export async function lookupToken(dataDir: string, raw: string): Promise<PseudonymLookupReply> {
  const token = raw.trim();
  const ip = ipForm(token);
  if (!ip) return { token, found: await lookupPseudonym(dataDir, token) };
  const key = await readSiteKey(dataDir);
  if (!key) return { token, found: [], note: `no site key in ${dataDir}: nothing was made here` };
  const keys = pseudonymKeys(key);
  const value = ip.v === 4 ? restoreIPv4(keys, ip.addr) : restoreIPv6(keys, ip.addr);
  if (value === undefined)
    return {
      token,
      found: [],
      note: `${ip.addr} is not a pseudonym: addresses of its kind (loopback, broadcast, multicast, netmasks) are left as they are`,
    };
  const legacy = (await lookupPseudonym(dataDir, ip.addr)).filter((e) => e.category === 'ips');
  if (legacy.length > 0)
    return {
      token,
      found: [],
      legacy,
      note:
        `${ip.addr} is ambiguous: an older casepack stored IP pseudonyms made another way, and ` +
        `its mapping file says ${legacy.map((e) => e.value).join(', ')}; as this version makes ` +
        `IP pseudonyms it stands for ${value}. Which one applies depends on the casepack that ` +
        `made the bundle (IP pseudonyms changed before the first release).`,
    };
  return { token, found: [{ token: ip.addr, category: 'ips', value }] };
}
