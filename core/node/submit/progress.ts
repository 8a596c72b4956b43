// Progress of one transfer: bytes done, bytes total, and a rate over the last few seconds, reported
// at most every `intervalMs` (a 1 GiB upload would otherwise emit tens of thousands of events).

export interface ProgressSample {
  bytesDone: number;
  bytesTotal: number;
  rateBps?: number;
}

export class ProgressMeter {
  private done: number;
  private lastEmit = 0;
  private readonly window: Array<{ t: number; bytes: number }> = [];

  constructor(
    readonly total: number,
    private readonly emit: (s: ProgressSample) => void,
    start = 0,
    private readonly intervalMs = 250,
  ) {
    this.done = start;
    this.window.push({ t: Date.now(), bytes: start });
  }

  get bytesDone(): number {
    return this.done;
  }

  add(n: number): void {
    this.done += n;
    const now = Date.now();
    if (now - this.lastEmit >= this.intervalMs) this.report(now);
  }

  /** Always emits (call at the end). */
  finish(): void {
    this.report(Date.now());
  }

  rate(now = Date.now()): number | undefined {
    while (this.window.length > 1 && now - this.window[0]!.t > 5_000) this.window.shift();
    const first = this.window[0]!;
    const dt = now - first.t;
    return dt > 0 ? Math.round(((this.done - first.bytes) * 1000) / dt) : undefined;
  }

  private report(now: number): void {
    this.lastEmit = now;
    this.window.push({ t: now, bytes: this.done });
    const rateBps = this.rate(now);
    this.emit({ bytesDone: this.done, bytesTotal: this.total, ...(rateBps ? { rateBps } : {}) });
  }
}

/**
 * Calls `onStall` when `touch()` was not called for `ms`. Transfers touch it on every confirmed chunk.
 */
export class StallTimer {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly ms: number,
    private readonly onStall: () => void,
  ) {
    this.touch();
  }
  touch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.onStall, this.ms);
    this.timer.unref();
  }
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
