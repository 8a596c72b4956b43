// SNMP: community strings and v3 pass phrases in snmpd.conf / snmptrapd.conf / snmp.conf and in
// network-device style `snmp-server community X RO`. Command-line -c/-A/-X are in cli-flags.ts.
import { isNonSecretValue } from '../values.js';
import type { Rule } from '../types.js';

const V = `("[^"]*"|'[^']*'|[^\\s"']+)`;
const LINES: Array<{ re: RegExp; rules: string[] }> = [
  { re: new RegExp(`^[ \\t]*(?:ro|rw)community6?[ \\t]+${V}`, 'i'), rules: ['snmp-community'] },
  {
    re: new RegExp(
      `^[ \\t]*com2sec6?[ \\t]+(?:-Cn[ \\t]+\\S+[ \\t]+)?\\S+[ \\t]+\\S+[ \\t]+${V}`,
      'i',
    ),
    rules: ['snmp-community'],
  },
  { re: new RegExp(`^[ \\t]*authcommunity[ \\t]+\\S+[ \\t]+${V}`, 'i'), rules: ['snmp-community'] },
  { re: new RegExp(`^[ \\t]*trapcommunity[ \\t]+${V}`, 'i'), rules: ['snmp-community'] },
  {
    re: new RegExp(`^[ \\t]*(?:trapsink|trap2sink|informsink)[ \\t]+\\S+[ \\t]+${V}`, 'i'),
    rules: ['snmp-community'],
  },
  {
    re: new RegExp(
      `^[ \\t]*createuser[ \\t]+(?:-e[ \\t]+\\S+[ \\t]+)?\\S+[ \\t]+(?:MD5|SHA(?:-?\\d+)?)[ \\t]+${V}(?:[ \\t]+(?:DES|AES(?:-?\\d+)?)[ \\t]+${V})?`,
      'i',
    ),
    rules: ['snmp-passphrase', 'snmp-passphrase'],
  },
  { re: new RegExp(`\\bsnmp-server[ \\t]+community[ \\t]+${V}`, 'i'), rules: ['snmp-community'] },
  {
    re: new RegExp(
      `\\bsnmp-server[ \\t]+user[ \\t]+\\S+[ \\t]+\\S+[ \\t]+v3[ \\t]+(?:encrypted[ \\t]+)?auth[ \\t]+\\S+[ \\t]+${V}(?:[ \\t]+priv[ \\t]+(?:\\S+[ \\t]+)?(?:\\d+[ \\t]+)?${V})?`,
      'i',
    ),
    rules: ['snmp-passphrase', 'snmp-passphrase'],
  },
];

export const snmpConfigRule: Rule = {
  id: 'snmp-config',
  triggers: [
    'community',
    'com2sec',
    'trapsink',
    'trap2sink',
    'informsink',
    'createuser',
    'snmp-server',
  ],
  apply(line, out) {
    for (const { re, rules } of LINES) {
      const m = re.exec(line);
      if (!m) continue;
      let from = m.index;
      for (let g = 1; g < m.length; g++) {
        const v = m[g];
        if (v === undefined) continue;
        const at = line.indexOf(v, from);
        from = at + v.length;
        const quoted = v[0] === '"' || v[0] === "'";
        const inner = quoted ? v.slice(1, -1) : v;
        if (inner.length === 0 || isNonSecretValue(inner)) continue;
        out.secret(
          at + (quoted ? 1 : 0),
          at + (quoted ? 1 : 0) + inner.length,
          rules[g - 1] ?? 'snmp-community',
        );
      }
    }
  },
};
