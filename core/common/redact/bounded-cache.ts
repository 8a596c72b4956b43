// A map of fixed capacity for memoising pseudonyms: two generations of at most capacity/2
// entries each. A hit in the old generation moves the entry to the young one; when the young
// one is full it becomes the old one and the previous old one is dropped. Recently used values
// stay, memory stays bounded whatever the number of distinct values, and no per-hit bookkeeping
// (an LRU list) is needed. Twenty lines did not justify adding a dependency to the shared lockfile.
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  constructor(capacity = 65_536) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) {
      this.old.delete(key);
      this.set(key, o);
    }
    return o;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Entries held now (at most the capacity). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
