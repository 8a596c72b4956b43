// Many small reads of /proc at once would fill libuv's four-thread pool and make every other
// section's file reads wait behind them; a bound keeps them interleaved.

/** Reads of /proc a section has in flight at once. */
export const PROC_READS = 16;

/** Bounded-concurrency map that keeps the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (t: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}
