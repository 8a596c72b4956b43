// zod helpers for human-written sizes and durations ("50MiB", "10s").
import { z } from 'zod';
import { parseDuration, parseSize } from './units.js';

export const sizeSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = parseSize(v);
  if (n === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `not a size: ${JSON.stringify(v)} (write e.g. 50MiB, 1GB, 4096)`,
    });
    return z.NEVER;
  }
  return n;
});

export const durationSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = parseDuration(v);
  if (n === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `not a duration: ${JSON.stringify(v)} (write e.g. 10s, 5m, 24h, 7d)`,
    });
    return z.NEVER;
  }
  return n;
});
