// The sos habit: secrets of every kind planted in real files of each syntax (test/fixtures/
// redaction/planted, each secret between ⟦ ⟧) must be gone after the streaming redactor, every
// other line must come out byte-identical, and clean look-alikes (test/fixtures/redaction/clean)
// must not change at all.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRedactionSession } from '../../../core/node/redact/session.js';

const ROOT = path.join(import.meta.dirname, '../../fixtures/redaction');

async function redact(name: string, input: Buffer): Promise<Buffer> {
  const session = createRedactionSession({});
  const t = session.stream({ id: name, source: `/srv/app/${name}` });
  const out: Buffer[] = [];
  t.on('data', (c: Buffer) => out.push(c));
  // small chunks so that lines cross chunk boundaries
  const chunks: Buffer[] = [];
  for (let i = 0; i < input.length; i += 97) chunks.push(input.subarray(i, i + 97));
  await new Promise<void>((resolve, reject) => {
    Readable.from(chunks).pipe(t).on('end', resolve).on('error', reject);
    t.resume();
  });
  return Buffer.concat(out);
}

function planted(text: string): { input: string; secrets: string[]; markedLines: Set<number> } {
  const secrets: string[] = [];
  const markedLines = new Set<number>();
  text.split('\n').forEach((l, i) => {
    if (l.includes('⟦')) markedLines.add(i);
  });
  const input = text.replace(/⟦([^⟧]*)⟧/g, (_m, s: string) => {
    secrets.push(s);
    return s;
  });
  return { input, secrets, markedLines };
}

describe('planted secrets', () => {
  for (const name of readdirSync(path.join(ROOT, 'planted'))) {
    it(`removes every secret from ${name} and leaves the other lines alone`, async () => {
      const { input, secrets, markedLines } = planted(
        readFileSync(path.join(ROOT, 'planted', name), 'utf8'),
      );
      expect(secrets.length).toBeGreaterThan(0);
      const out = (await redact(name, Buffer.from(input))).toString('utf8');
      for (const s of secrets) expect(out, `${name}: "${s}" survived`).not.toContain(s);
      const inLines = input.split('\n');
      const outLines = out.split('\n');
      expect(outLines).toHaveLength(inLines.length);
      inLines.forEach((l, i) => {
        if (!markedLines.has(i)) expect(outLines[i], `${name}:${i + 1} changed`).toBe(l);
        else expect(outLines[i]).toMatch(/\[REDACTED:[a-z0-9-]+\]/);
      });
    });
  }
});

describe('clean look-alikes', () => {
  for (const name of readdirSync(path.join(ROOT, 'clean'))) {
    it(`leaves ${name} byte-identical`, async () => {
      const input = readFileSync(path.join(ROOT, 'clean', name));
      const out = await redact(name, input);
      expect(out.toString('utf8')).toBe(input.toString('utf8'));
      expect(out.equals(input)).toBe(true);
    });
  }
});
