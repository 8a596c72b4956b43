// A redaction worker that stops as soon as it is given data: a real worker thread exiting in the
// middle of a run (as one killed by an out-of-memory abort would), for the pool's fail-closed test.
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', (m: { t: string }) => {
  if (m.t === 'data') process.exit(7);
});
