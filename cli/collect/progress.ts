// Progress of a collection on stderr: a bar with items, bytes and ETA on a terminal; one plain line
// per finished item otherwise (logs of a cron job or CI stay readable).
import type { CasepackEvents, TypedEmitter } from '../../core/common/events.js';
import { formatBytes } from '../../core/common/units.js';

export async function showProgress(
  events: TypedEmitter<CasepackEvents>,
  tty: boolean,
): Promise<() => void> {
  const offs: Array<() => void> = [];
  if (tty) {
    const { SingleBar, Presets } = await import('cli-progress');
    const bar = new SingleBar(
      {
        stream: process.stderr,
        format:
          ' {bar} {value}/{total} items | {bytes} of ~{bytesTotal} | ETA {eta_formatted} | {current}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    let started = false;
    offs.push(
      events.on('collect:progress', (p) => {
        const payload = {
          bytes: formatBytes(p.bytesDone),
          bytesTotal: formatBytes(Math.max(p.bytesTotal, p.bytesDone)),
          current: p.current.slice(0, 2).join(', ').slice(0, 50),
        };
        if (!started) {
          bar.start(p.itemsTotal, p.itemsDone, payload);
          started = true;
        } else bar.update(p.itemsDone, payload);
      }),
    );
    offs.push(() => started && bar.stop());
  } else {
    let total = 0;
    offs.push(events.on('collect:progress', (p) => (total = p.itemsTotal)));
    let n = 0;
    offs.push(
      events.on('collect:item', ({ item }) => {
        n++;
        const size = item.size !== undefined ? ` (${formatBytes(item.size)})` : '';
        const why = item.reason ? `: ${item.reason}` : '';
        // Items after the plan's (system report, changes) are not counted in the total.
        const counter = n <= total ? `[${n}/${total}] ` : '';
        process.stderr.write(`casepack: ${counter}${item.status} ${item.source}${size}${why}\n`);
      }),
    );
  }
  return () => offs.forEach((f) => f());
}
