// The removed-value fingerprints the leak check searches the bundle for: found where they occur,
// not in look-alikes, and bounded in memory however many distinct values a run removes.
import { describe, expect, it } from 'vitest';
import { RemovedValues } from '../../../core/node/redact/removed-values.js';

function offsets(r: RemovedValues, text: string): number[] {
  const hits: number[] = [];
  r.find(Buffer.from(text, 'latin1'), (o) => hits.push(o));
  return hits;
}

describe('RemovedValues', () => {
  it('finds a removed value wherever it starts a token, and not a longer or shorter neighbour', () => {
    const r = new RemovedValues();
    r.add('Xk9#pL2$vQ7!');
    expect(r.size).toBe(1);
    const text = 'user=a pw="Xk9#pL2$vQ7!" again: Xk9#pL2$vQ7! near Xk9#pL2$vQ7 and aXk9#pL2$vQ7!';
    expect(offsets(r, text)).toEqual([text.indexOf('Xk9'), text.indexOf('again: ') + 7]);
  });

  it('keeps neither short values nor words, which would match ordinary text', () => {
    const r = new RemovedValues();
    r.add('admin');
    r.add('password');
    expect(r.size).toBe(0);
    expect(offsets(r, 'admin password')).toEqual([]);
  });

  it('stops keeping values when its fixed table is full, and says how many it dropped', () => {
    const r = new RemovedValues(1024);
    const values = Array.from({ length: 1000 }, (_, i) => `sess-${i}-a8F3kQ9z${i * 7919}`);
    for (const v of values) r.add(v);
    expect(r.size).toBe(768);
    expect(r.dropped).toBe(1000 - 768);
    // Every kept value is still found; adding one twice counts once.
    r.add(values[0]!);
    expect(r.size).toBe(768);
    const kept = values.slice(0, 768);
    const found = kept.filter((v) => offsets(r, `x ${v} y`).length === 1);
    expect(found).toHaveLength(768);
  });
});

describe('RemovedValues, chance matches', () => {
  it('leaves short hex or digit values to the pattern rules: they recur by chance as ids', () => {
    const r = new RemovedValues();
    r.add('fb8574e1');
    r.add('4411920377');
    expect(r.size).toBe(0);
    r.add('id=301276');
    expect(r.size).toBe(0);
    r.add('fb8574e1c09a77d2');
    expect(r.size).toBe(1);
  });

  it('matches whole tokens only: a removed value is not found as the start of a longer id', () => {
    const r = new RemovedValues();
    r.add('id=e67a8Qz#4k');
    expect(offsets(r, 'x id=e67a8Qz#4kefb user=u1')).toEqual([]);
    expect(offsets(r, 'x id=e67a8Qz#4k user=u1')).toEqual([2]);
    expect(offsets(r, 'x id=e67a8Qz#4k')).toEqual([2]);
  });
});
