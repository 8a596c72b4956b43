import { describe, expect, it } from 'vitest';
import { formatBytes, parseDuration, parseSize } from '../../core/common/units.js';

describe('sizes and durations as people write them', () => {
  it('parses binary and decimal sizes', () => {
    expect(parseSize('50MiB')).toBe(50 * 1024 * 1024);
    expect(parseSize('10 MB')).toBe(10_000_000);
    expect(parseSize('1g')).toBe(1024 ** 3);
    expect(parseSize('4096')).toBe(4096);
    expect(parseSize('12 parsecs')).toBeUndefined();
    expect(parseSize('-1')).toBeUndefined();
  });
  it('parses durations, including compound ones', () => {
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('10')).toBeUndefined();
  });
  it('formats bytes for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MiB');
  });
});
