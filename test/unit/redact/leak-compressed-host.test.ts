// With hosts pseudonymised, the leak check looks for this host's own names in every entry. In a
// compressed entry (a rotated .gz stored as it is) a two-letter name like "vm" turns up by chance
// hundreds of times: there only names of 6 characters or more are looked for, so that
// `--pseudonymize all` on a tree with rotated logs is not refused for noise, while a longer name
// written plainly in it, and a short one in a text entry, are still found.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scanBundleForLeaks } from '../../../core/node/redact/leak-check.js';
import { buildBundle } from '../../support/bundle-builder.js';
import { tempDir } from '../../support/tmp.js';

/** Seeded bytes: the same "random" compressed-looking data in every run. */
function noise(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

describe('leak check: this host’s names in compressed entries', () => {
  it('ignores a short name found by chance in a .gz, finds it in text and a long name in the .gz', async () => {
    // Compressed-looking bytes with " vm " in them, as deflate output holds by chance.
    const chance = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3]),
      noise(4096),
      Buffer.from(' vm '),
      noise(4096, 11),
    ]);
    // A .gz written without compression: the long host name is there in plain text.
    const plain = gzipSync('Nov 27 10:00:01 app-node01 sshd[12]: started\n', { level: 0 });
    const file = await buildBundle(
      await tempDir(),
      {
        'logs/messages.1.gz': chance,
        'logs/secure.1.gz': plain,
        'logs/app.log': 'Nov 27 10:00:02 node vm is ready\n',
      },
      { store: ['logs/messages.1.gz', 'logs/secure.1.gz'] },
    );
    const findings = await scanBundleForLeaks(file, { hostLiterals: ['vm', 'app-node01'] });
    const hosts = findings.filter((f) => f.rule === 'host-identity');
    expect(hosts.map((f) => f.entry).sort()).toEqual(['logs/app.log', 'logs/secure.1.gz']);
  });
});
