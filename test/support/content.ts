// Test content generated on the fly (never held whole in memory), with its sha256 computed as it is
// produced, so a test can compare what a zip reader returns with what went in.
import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pools = new Map<number, Buffer>();
/** 4 MiB of log-like lines (compresses like real logs, about 4:1). */
function pool(seed: number): Buffer {
  let p = pools.get(seed);
  if (p) return p;
  const rand = rng(seed);
  const words =
    'user role sync connector timeout session cache policy commit pool retry token'.split(' ');
  const lines: string[] = [];
  let n = 0;
  for (let i = 0; n < 4 << 20; i++) {
    const w = Array.from(
      { length: 3 + Math.floor(rand() * 8) },
      () => words[Math.floor(rand() * words.length)],
    ).join(' ');
    const line = `2026-11-27 10:${String(i % 60).padStart(2, '0')}:00,${String(i % 1000).padStart(3, '0')} INFO [c.a.Svc] ${w} id=${Math.floor(rand() * 2 ** 32).toString(16)} n=${i}\n`;
    lines.push(line);
    n += line.length;
  }
  p = Buffer.from(lines.join(''));
  pools.set(seed, p);
  return p;
}

export interface Generated {
  stream: Readable;
  /** Valid once the stream has been read to the end. */
  digest(): { size: number; sha256: string };
}

/** `bytes` of log-like text, produced in 64 KiB pieces as the consumer reads. */
export function textStream(bytes: number, seed = 1): Generated {
  const src = pool(seed);
  const hash: Hash = createHash('sha256');
  let sent = 0;
  let piece = 0;
  let sha: string | undefined;
  const stream = new Readable({
    read() {
      if (sent >= bytes) {
        this.push(null);
        return;
      }
      const n = Math.min(64 * 1024, bytes - sent);
      const off = (piece++ * 7919 * 64) % (src.length - n);
      const chunk = src.subarray(off, off + n);
      hash.update(chunk);
      sent += n;
      this.push(chunk);
    },
  });
  return {
    stream,
    digest() {
      sha ??= hash.digest('hex');
      return { size: sent, sha256: sha };
    },
  };
}

/** sha256 of a buffer or string, for small test entries. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
