// Messages between the main thread and the redaction workers (worker-pool.ts, redact-worker.ts).
// Bytes travel as transferred ArrayBuffers; a stream's messages stay in order because one worker
// owns each stream and a MessagePort is FIFO.
import type { LeakFinding } from './types.js';
import type { ItemRedactionResult } from './types.js';
import type { RemovedValuesShare, FingerprintKey } from './removed-values.js';
import type { SessionRecipe } from './session-recipe.js';
import type { CustomRuleSpec } from '../../common/redact/rules/custom.js';
import type { PseudonymCategory } from '../../common/redact/policy.js';

export interface WorkerInit {
  recipe: SessionRecipe;
  /** Salt and pepper of the run's removed-value table: workers send fingerprints only. */
  fingerprint?: FingerprintKey;
}

export interface LeakJobOptions {
  keep?: string[];
  custom?: CustomRuleSpec[];
  hostLiterals?: string[];
  removed?: RemovedValuesShare;
}

export type ToWorker =
  | { t: 'open'; sid: number; fileName: string }
  | { t: 'data'; sid: number; buf: ArrayBuffer }
  | { t: 'end'; sid: number }
  | { t: 'drop'; sid: number }
  | { t: 'leak-open'; lid: number; file: string; options: LeakJobOptions }
  | { t: 'scan'; lid: number; jid: number; index: number }
  | { t: 'leak-close'; lid: number };

export type FromWorker =
  | {
      t: 'out';
      sid: number;
      buf: ArrayBuffer | null;
      /** Fingerprints of removed values, four numbers each (removed-values.ts Fingerprint). */
      fps: number[] | null;
      maps: Array<[string, PseudonymCategory, string]> | null;
    }
  | { t: 'done'; sid: number; result: ItemRedactionResult }
  | { t: 'fail'; sid: number; message: string }
  | { t: 'found'; jid: number; findings: LeakFinding[] }
  | { t: 'scan-fail'; jid: number; message: string };
