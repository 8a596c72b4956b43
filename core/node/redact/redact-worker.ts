// A redaction worker: runs the pure engine (core/common/redact) on the streams the main thread
// gives it, and scans bundle entries for the leak check. The pack is compiled once from the
// session recipe in workerData; each stream keeps its carry-over state here, in its own worker.
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../../common/errors.js';
import type { PseudonymCategory } from '../../common/redact/policy.js';
import { openZip, type OpenZip } from '../review/zip-reader.js';
import { scanZipEntry, type LeakCheckOptions } from './leak-check.js';
import { fingerprintOf, RemovedValues } from './removed-values.js';
import { sessionFromRecipe } from './session-recipe.js';
import type { FullRedactionSession } from './session.js';
import type { StreamRedactor } from './stream-redactor.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';

const port = parentPort!;
const init = workerData as WorkerInit;
let fps: number[] = [];
let maps: Array<[string, PseudonymCategory, string]> = [];
const key = init.fingerprint;
const session = sessionFromRecipe(init.recipe, {
  onMapping: (token, category, value) => maps.push([token, category, value]),
  ...(key
    ? {
        onRemoved(value: string) {
          const fp = fingerprintOf(value, key);
          if (fp) fps.push(...fp);
        },
      }
    : {}),
});
const streams = new Map<number, StreamRedactor>();

function send(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

/** One buffer for the pieces (the input's own when it came back whole). */
function joined(pieces: Uint8Array[]): ArrayBuffer | null {
  if (pieces.length === 0) return null;
  const p = pieces[0]!;
  if (pieces.length === 1 && p.byteOffset === 0 && p.byteLength === p.buffer.byteLength)
    return p.buffer as ArrayBuffer;
  const out = Buffer.allocUnsafeSlow(pieces.reduce((n, x) => n + x.length, 0));
  let at = 0;
  for (const x of pieces) {
    out.set(x, at);
    at += x.length;
  }
  return out.buffer as ArrayBuffer;
}

function reply(sid: number, pieces: Uint8Array[]): void {
  const buf = joined(pieces);
  send(
    { t: 'out', sid, buf, fps: fps.length ? fps : null, maps: maps.length ? maps : null },
    buf ? [buf] : [],
  );
  fps = [];
  maps = [];
}

function onStream(m: Extract<ToWorker, { sid: number }>): void {
  try {
    if (m.t === 'open') {
      streams.set(m.sid, session.redactor(m.fileName));
      return;
    }
    const s = streams.get(m.sid);
    if (!s) return; // dropped (cancelled) meanwhile
    if (m.t === 'drop') streams.delete(m.sid);
    else if (m.t === 'data') reply(m.sid, s.write(Buffer.from(m.buf)));
    else {
      reply(m.sid, s.end());
      streams.delete(m.sid);
      send({ t: 'done', sid: m.sid, result: s.result() });
    }
  } catch (e) {
    streams.delete(m.sid);
    send({ t: 'fail', sid: m.sid, message: errorMessage(e) });
  }
}

interface LeakJob {
  zip: Promise<OpenZip>;
  options: LeakCheckOptions;
  session: FullRedactionSession;
  closed: boolean;
}
const leakJobs = new Map<number, LeakJob>();

async function scan(m: Extract<ToWorker, { t: 'scan' }>): Promise<void> {
  const job = leakJobs.get(m.lid);
  if (!job) return;
  try {
    const zip = await job.zip;
    const entry = zip.entries[m.index]!;
    const findings = await scanZipEntry(zip, entry, job.options, job.session, () => job.closed);
    if (!job.closed) send({ t: 'found', jid: m.jid, findings });
  } catch (e) {
    send({ t: 'scan-fail', jid: m.jid, message: errorMessage(e) });
  }
}

port.on('message', (m: ToWorker) => {
  switch (m.t) {
    case 'leak-open': {
      const o = m.options;
      leakJobs.set(m.lid, {
        zip: openZip(m.file),
        options: {
          keep: o.keep,
          custom: o.custom,
          hostLiterals: o.hostLiterals,
          removed: o.removed ? new RemovedValues(undefined, o.removed) : undefined,
        },
        session: sessionFromRecipe({ keep: o.keep, custom: o.custom }),
        closed: false,
      });
      // A zip that cannot be opened is reported by the scans that need it.
      leakJobs.get(m.lid)!.zip.catch(() => undefined);
      return;
    }
    case 'scan':
      void scan(m);
      return;
    case 'leak-close': {
      const job = leakJobs.get(m.lid);
      leakJobs.delete(m.lid);
      if (job) {
        job.closed = true;
        job.zip.then((z) => z.close()).catch(() => undefined);
      }
      return;
    }
    default:
      onStream(m);
  }
});
