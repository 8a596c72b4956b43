// The cheap scan that keeps redaction fast: one pass over the raw bytes of a chunk computing a
// rolling hash of the last four case-folded characters and testing it against a bitmap built from
// every rule's trigger literals. Only positions whose 4-gram belongs to some trigger are checked
// exactly, and only lines holding a verified trigger go to the (much slower) regex rules.
// Cost is one table lookup per byte whatever the number of rules; see docs/technical/redaction.md.

import { GRAM_FREQUENCY_TABLE } from './gram-frequency.js';

const GRAM_BITS = 20;
const GRAM_MASK = (1 << GRAM_BITS) - 1;
/** Byte order of a Uint32Array view (the word loop in scan() reads the low byte first). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Byte -> 5-bit class: letters (case-folded) 1-26, digit 27, `_` 28, `-` 29, `.` 30, `$:/=@{}~` 31. */
export const FOLD = (() => {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) {
    let v = 0;
    if (c >= 97 && c <= 122) v = c - 96;
    else if (c >= 65 && c <= 90) v = c - 64;
    else if (c >= 48 && c <= 57) v = 27;
    else if (c === 95) v = 28;
    else if (c === 45) v = 29;
    else if (c === 46) v = 30;
    else if ('$:/=@{}~'.includes(String.fromCharCode(c))) v = 31;
    t[c] = v;
  }
  return t;
})();

const LOWER = (() => {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) t[c] = c >= 65 && c <= 90 ? c + 32 : c;
  return t;
})();

// Rough frequency of characters in logs and configs: orders the grams GRAM_FREQUENCY_TABLE leaves out.
const COMMON = 'etaoinsrhldcumfpgwybvkxjqz';
/** FOLD class -> the character GRAM_FREQUENCY_TABLE writes for it. */
const CLASS_CHARS = ' abcdefghijklmnopqrstuvwxyz0_-.:';
function classWeight(cls: number): number {
  if (cls >= 1 && cls <= 26) return 26 - COMMON.indexOf(CLASS_CHARS[cls]!);
  if (cls === 27) return 24;
  if (cls === 0) return 30;
  return 4;
}

function gramHash(cls: readonly number[]): number {
  return ((cls[0]! << 15) | (cls[1]! << 10) | (cls[2]! << 5) | cls[3]!) & GRAM_MASK;
}

/** Occurrences per million bytes of common grams (by gramHash), from gram-frequency.ts. */
const GRAM_FREQUENCY = (() => {
  const m = new Map<number, number>();
  for (const e of GRAM_FREQUENCY_TABLE.split('|')) {
    if (e.length < 6) continue;
    m.set(gramHash([...e.slice(0, 4)].map((c) => CLASS_CHARS.indexOf(c))), Number(e.slice(5)));
  }
  return m;
})();

/**
 * How often a gram is expected in logs and configs (per million bytes). Every prefilter hit
 * costs a verification, so each trigger is keyed on its cheapest gram: a gram outside the
 * table is rarer than any in it (the letter weights only order such grams among themselves).
 */
function gramCost(cls: readonly number[]): number {
  return GRAM_FREQUENCY.get(gramHash(cls)) ?? cls.reduce((a, c) => a + classWeight(c), 0) / 1000;
}

function classesOf(t: string): number[] {
  return [...t].map((c) => FOLD[c.charCodeAt(0)]!);
}

interface Trigger {
  bytes: Uint8Array;
  rules: number[];
  /** Bit mask of the classes (FOLD) the byte after the trigger may have; 0: any. */
  next: number;
  /** With `next`: a lower-case letter after the trigger must be one of these (camelCase words start upper-case). */
  nextLower?: string;
}

/** A class mask for `Prefilter` triggers: the classes of these characters (space = class 0). */
export function classMask(chars: string): number {
  let m = 0;
  for (const ch of chars) m |= 1 << FOLD[ch.charCodeAt(0)]!;
  return m;
}

export interface TriggerSet {
  triggers: readonly string[];
  /** classMask() of the byte allowed right after each trigger (default: anything). */
  next?: number;
  /** Lower-case letters allowed right after a trigger (others must be upper-case: a new camelCase word). */
  nextLower?: string;
}

interface GramEntry {
  trigger: number;
  /** Offset of the 4-gram's last character from the trigger's start. */
  endOffset: number;
}

export interface PrefilterHit {
  /** Byte offset where the trigger starts. */
  pos: number;
  rules: readonly number[];
}

export class Prefilter {
  private readonly bitmap = new Uint8Array(1 << GRAM_BITS);
  /** 4-gram -> index in `lists` (0: none): a typed-array lookup at each bitmap hit, not a Map's. */
  private slots: Uint16Array | Uint32Array = new Uint16Array(1 << GRAM_BITS);
  private readonly lists: GramEntry[][] = [[]];
  private readonly triggers: Trigger[] = [];
  /** Some grams end with the byte after their trigger (addNextGrams). */
  private nextGrams = false;

  /** `triggersByRule[i]`: lower-case literals for rule i (empty: the rule is never prefiltered in). */
  constructor(triggersByRule: ReadonlyArray<TriggerSet>) {
    const byText = new Map<string, number>();
    triggersByRule.forEach(({ triggers: list, next = 0, nextLower }, rule) => {
      for (const raw of list) {
        const t = raw.toLowerCase();
        if (t.length < 2)
          throw new Error(`prefilter trigger "${raw}" is shorter than 2 characters`);
        const key = `${next}:${nextLower ?? ''}:${t}`;
        let idx = byText.get(key);
        if (idx === undefined) {
          idx = this.triggers.length;
          byText.set(key, idx);
          const bytes = new Uint8Array(t.length);
          for (let i = 0; i < t.length; i++) bytes[i] = t.charCodeAt(i) & 0xff;
          this.triggers.push({ bytes, rules: [], next, nextLower });
          // With a class for the byte after the trigger, the gram may end with that class (the
          // only choice for triggers shorter than four characters): `connect` in front of a
          // blank is rarer than `nnec`, which every `connection` holds.
          const inner = t.length >= 4 ? bestInnerGram(t) : undefined;
          if (next && (!inner || nextGramsCost(t, next) <= inner.cost))
            this.addNextGrams(t, next, idx);
          else this.addGrams(t, idx, inner?.at);
        }
        const tr = this.triggers[idx]!;
        if (!tr.rules.includes(rule)) tr.rules.push(rule);
      }
    });
  }

  /** `best`: where the trigger's cheapest 4-gram starts (triggers of four characters or more). */
  private addGrams(t: string, idx: number, best?: number): void {
    if (best !== undefined) {
      this.addGram(classesOf(t.slice(best, best + 4)), { trigger: idx, endOffset: best + 3 });
      return;
    }
    // Shorter triggers: any class may precede them.
    const known = [...t].map((c) => FOLD[c.charCodeAt(0)]!);
    const pad = 4 - known.length;
    for (let v = 0; v < 1 << (5 * pad); v++) {
      const lead: number[] = [];
      for (let k = pad - 1; k >= 0; k--) lead.push((v >> (5 * k)) & 31);
      this.addGram([...lead, ...known], { trigger: idx, endOffset: t.length - 1 });
    }
  }

  /** The last three characters of the trigger and the class of the byte after it. */
  private addNextGrams(t: string, next: number, idx: number): void {
    this.nextGrams = true;
    const known = [...t.slice(-3)].map((c) => FOLD[c.charCodeAt(0)]!);
    const pad = 3 - known.length;
    for (let cls = 0; cls < 32; cls++) {
      if (!(next & (1 << cls))) continue;
      for (let v = 0; v < 1 << (5 * pad); v++) {
        const lead: number[] = [];
        for (let k = pad - 1; k >= 0; k--) lead.push((v >> (5 * k)) & 31);
        this.addGram([...lead, ...known, cls], { trigger: idx, endOffset: t.length });
      }
    }
  }

  private addGram(cls: number[], e: GramEntry): void {
    const h = gramHash(cls);
    this.bitmap[h] = 1;
    let slot = this.slots[h]!;
    if (slot === 0) {
      slot = this.lists.length;
      if (slot > 0xffff && this.slots instanceof Uint16Array)
        this.slots = Uint32Array.from(this.slots);
      this.slots[h] = slot;
      this.lists.push([]);
    }
    this.lists[slot]!.push(e);
  }

  /** Verified trigger occurrences in bytes[start, end), in order. */
  scan(
    bytes: Uint8Array,
    start: number,
    end: number,
    onHit: (pos: number, len: number, rules: readonly number[]) => void,
  ): void {
    const bm = this.bitmap;
    const fold = FOLD;
    let h = 0;
    let i = start;
    // Four bytes per load where the bytes are aligned for it: a quarter fewer instructions per byte.
    const off = bytes.byteOffset;
    const wordsEnd = LITTLE_ENDIAN && end - start >= 64 ? ((off + end) & ~3) - off : start;
    for (; i < end && (i >= wordsEnd || ((off + i) & 3) !== 0); i++) {
      h = ((h << 5) | fold[bytes[i]!]!) & GRAM_MASK;
      if (bm[h] !== 0) this.verify(bytes, start, end, i, h, onHit);
    }
    if (i < wordsEnd) {
      const words = new Uint32Array(bytes.buffer, off + i, (wordsEnd - i) >> 2);
      for (let w = 0; w < words.length; w++, i += 4) {
        const v = words[w]!;
        const h1 = ((h << 5) | fold[v & 255]!) & GRAM_MASK;
        const h2 = ((h1 << 5) | fold[(v >>> 8) & 255]!) & GRAM_MASK;
        const h3 = ((h2 << 5) | fold[(v >>> 16) & 255]!) & GRAM_MASK;
        h = ((h3 << 5) | fold[v >>> 24]!) & GRAM_MASK;
        if ((bm[h1]! | bm[h2]! | bm[h3]! | bm[h]!) !== 0) {
          if (bm[h1] !== 0) this.verify(bytes, start, end, i, h1, onHit);
          if (bm[h2] !== 0) this.verify(bytes, start, end, i + 1, h2, onHit);
          if (bm[h3] !== 0) this.verify(bytes, start, end, i + 2, h3, onHit);
          if (bm[h] !== 0) this.verify(bytes, start, end, i + 3, h, onHit);
        }
      }
      for (; i < end; i++) {
        h = ((h << 5) | fold[bytes[i]!]!) & GRAM_MASK;
        if (bm[h] !== 0) this.verify(bytes, start, end, i, h, onHit);
      }
    }
    // A trigger ending at `end` is judged by the byte after it, as verify() does for every other.
    if (this.nextGrams) {
      h = ((h << 5) | (end < bytes.length ? fold[bytes[end]!]! : 0)) & GRAM_MASK;
      if (bm[h] !== 0) this.verify(bytes, start, end, end, h, onHit);
    }
  }

  private verify(
    bytes: Uint8Array,
    start: number,
    end: number,
    i: number,
    h: number,
    onHit: (pos: number, len: number, rules: readonly number[]) => void,
  ): void {
    const slot = this.slots[h]!;
    if (slot === 0) return;
    for (const e of this.lists[slot]!) {
      const tr = this.triggers[e.trigger]!;
      const s = i - e.endOffset;
      if (s < start || s + tr.bytes.length > end) continue;
      if (tr.next !== 0) {
        const nb = bytes[s + tr.bytes.length]!;
        if (!(tr.next & (1 << FOLD[nb]!))) continue;
        if (
          tr.nextLower !== undefined &&
          nb >= 97 &&
          nb <= 122 &&
          !tr.nextLower.includes(String.fromCharCode(nb))
        )
          continue;
      }
      let ok = true;
      for (let k = 0; k < tr.bytes.length; k++) {
        if (LOWER[bytes[s + k]!] !== tr.bytes[k]) {
          ok = false;
          break;
        }
      }
      if (ok) onHit(s, tr.bytes.length, tr.rules);
    }
  }
}

/** Where the trigger's cheapest 4-gram starts, and its cost. */
function bestInnerGram(t: string): { at: number; cost: number } {
  let best = { at: 0, cost: Infinity };
  for (let k = 0; k + 4 <= t.length; k++) {
    const cost = gramCost(classesOf(t.slice(k, k + 4)));
    if (cost < best.cost) best = { at: k, cost };
  }
  return best;
}

/** The cost of keying a trigger on its last three characters and each class allowed after it. */
function nextGramsCost(t: string, next: number): number {
  const tail = classesOf(t.slice(-3));
  let cost = 0;
  for (let cls = 0; cls < 32; cls++) if (next & (1 << cls)) cost += gramCost([...tail, cls]);
  return cost;
}
