// Typed events the service emits while it works (progress, items done, uploads). The same map travels
// over every transport (direct, Electron IPC, server-sent events).
import type { ManifestItem } from './manifest/schema.js';

export interface CollectProgress {
  runId: string;
  itemsDone: number;
  itemsTotal: number;
  bytesDone: number;
  /** Estimate from the plan; may be exceeded (growing logs) or not reached (windowed logs). */
  bytesTotal: number;
  /** Items running now (ids). */
  current: string[];
  /** Bytes read so far by each running item (a command's output arrives when it ends). */
  itemBytes?: Record<string, number>;
  etaMs?: number;
}

export interface CasepackEvents {
  'collect:progress': CollectProgress;
  'collect:item': { runId: string; item: ManifestItem };
  'collect:done': { runId: string; bundle?: string; error?: string };
  'submit:progress': {
    jobId: string;
    step: string;
    bytesDone: number;
    bytesTotal: number;
    rateBps?: number;
  };
  'submit:done': { jobId: string; status: string; error?: string };
  /** Something the person should read (a retry, TLS checks off); never a secret. */
  'submit:warning': { jobId?: string; message: string };
}

export type EventName = keyof CasepackEvents;
export type Listener<K extends EventName> = (payload: CasepackEvents[K]) => void;

/** A minimal typed emitter (core/common cannot use node:events). */
export class TypedEmitter<E extends object = CasepackEvents> {
  private listeners = new Map<keyof E, Set<(p: never) => void>>();
  private anyListeners = new Set<(name: keyof E, payload: unknown) => void>();
  on<K extends keyof E>(name: K, fn: (payload: E[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn as (p: never) => void);
    return () => set.delete(fn as (p: never) => void);
  }
  /** Every event, whatever its name: what a transport forwards to the UI. */
  onAny(fn: (name: keyof E, payload: unknown) => void): () => void {
    this.anyListeners.add(fn);
    return () => this.anyListeners.delete(fn);
  }
  emit<K extends keyof E>(name: K, payload: E[K]): void {
    for (const fn of this.listeners.get(name) ?? []) (fn as (p: E[K]) => void)(payload);
    for (const fn of this.anyListeners) fn(name, payload);
  }
}

/** Every event name at runtime (transports subscribe by name); the compiler keeps it complete. */
export const EVENT_NAMES = [
  'collect:progress',
  'collect:item',
  'collect:done',
  'submit:progress',
  'submit:done',
  'submit:warning',
] as const satisfies ReadonlyArray<EventName>;
export const everyEventListed: Exclude<EventName, (typeof EVENT_NAMES)[number]> extends never
  ? true
  : never = true;
