// The prefilter only saves work: running every rule on every line must give exactly the same
// output as the prefiltered engine. Checked on every fixture and on generated text that plants
// trigger words in many positions.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChunkRedactor } from '../../../core/common/redact/engine.js';
import { LineRedactor } from '../../../core/common/redact/line-redactor.js';
import { buildPack } from '../../../core/common/redact/pack.js';
import { fileKindRule } from '../../../core/common/redact/rules/file-kinds.js';
import { latin1Codec } from '../../../core/node/redact/redacting-stream.js';

const pack = buildPack({});
const ROOT = path.join(import.meta.dirname, '../../fixtures/redaction');

function both(name: string, buf: Buffer): { pre: string; all: string } {
  const fr = fileKindRule(name);
  const opts = { classifyKey: pack.classifyKey, fileName: name };
  const eng = new ChunkRedactor(pack.compiled, latin1Codec, opts, fr);
  const pre = Buffer.concat(eng.process(buf, 0, buf.length).pieces).toString('latin1');
  const lr = new LineRedactor(fr ? [...pack.compiled.rules, fr] : pack.compiled.rules, opts);
  const all = buf
    .toString('latin1')
    .split('\n')
    .map((l) => lr.redact(l).text)
    .join('\n');
  return { pre, all };
}

describe('prefilter', () => {
  for (const dir of ['planted', 'clean']) {
    for (const name of readdirSync(path.join(ROOT, dir))) {
      it(`changes nothing about the result for ${dir}/${name}`, () => {
        const text = readFileSync(path.join(ROOT, dir, name), 'utf8').replace(/[⟦⟧]/g, '');
        const { pre, all } = both(name, Buffer.from(text));
        expect(pre).toBe(all);
      });
    }
  }

  it('agrees with the full rule set on trigger words in every syntax', () => {
    const words = [
      'password',
      'PASSWD',
      'dbPass',
      'api_key',
      'apiKey',
      'secretToken',
      'Authorization',
      'session_id',
      'JSESSIONID',
      'community',
      'x-api-key',
      'client_secret',
      'userinfo',
      'pin',
      'cookie',
      'sig',
      'data',
      'connect',
      'mysql',
      'redis-cli',
      'ldapsearch',
      'snmpwalk',
      'curl',
    ];
    const shapes = [
      '=s3cr3t-Value1',
      ': s3cr3t-Value1',
      '="s3cr3t Value1"',
      " 's3cr3t-Value1'",
      ' s3cr3t-Value1',
      '::czNjcjN0',
      '> s3cr3t',
      ' -p s3cr3t',
      ' -a s3cr3t',
      ' -w s3cr3t',
      ' -c s3cr3t',
      ' -u bob:s3cr3t',
    ];
    const prefixes = [
      '',
      '  ',
      'export ',
      '- ',
      '2025-01-01 10:00:00 INFO x.y.Z : ',
      'DB ',
      '--',
      '-',
      '<',
      '"',
      '{"a":1,"',
      'machine h login u ',
    ];
    const lines: string[] = [];
    for (const p of prefixes)
      for (const w of words) for (const s of shapes) lines.push(`${p}${w}${s}`);
    const { pre, all } = both('generated.txt', Buffer.from(lines.join('\n') + '\n'));
    const a = pre.split('\n');
    const b = all.split('\n');
    for (let i = 0; i < b.length; i++) expect(a[i], lines[i]).toBe(b[i]);
  });
});
