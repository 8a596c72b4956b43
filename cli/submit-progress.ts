// Upload progress on stderr: a bar on a terminal, a plain line every few seconds otherwise (logs of
// headless runs stay readable). Warnings (retries, TLS checks off) are printed as they come.
import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import type { CasepackService } from '../core/node/service.js';
import { formatBytes } from '../core/common/units.js';
import { warn } from './output.js';

// Loaded for the first bar only: this module is imported for `casepack --help` too (issue 7).
let lib: typeof CliProgress | undefined;
const cliProgress = () =>
  (lib ??= createRequire(import.meta.url)('cli-progress') as typeof CliProgress);

export function showSubmitProgress(service: CasepackService): () => void {
  const tty = process.stderr.isTTY === true;
  let bar: CliProgress.SingleBar | undefined;
  let barStep = '';
  let lastLine = 0;
  const offProgress = service.events.on('submit:progress', (p) => {
    const rate = p.rateBps ? `${formatBytes(p.rateBps)}/s` : '';
    if (tty) {
      if (!bar || barStep !== p.step) {
        bar?.stop();
        barStep = p.step;
        bar = new (cliProgress().SingleBar)(
          {
            format: `${p.step.padEnd(20)} [{bar}] {percentage}% {done}/{all} {rate}`,
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress().Presets.shades_classic,
        );
        bar.start(p.bytesTotal, p.bytesDone, {
          done: formatBytes(p.bytesDone),
          all: formatBytes(p.bytesTotal),
          rate,
        });
      }
      bar.update(p.bytesDone, {
        done: formatBytes(p.bytesDone),
        all: formatBytes(p.bytesTotal),
        rate,
      });
      return;
    }
    const now = Date.now();
    if (now - lastLine < 5000 && p.bytesDone < p.bytesTotal) return;
    lastLine = now;
    process.stderr.write(
      `casepack: ${p.step} ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}${rate ? ` at ${rate}` : ''}\n`,
    );
  });
  const offWarn = service.events.on('submit:warning', (w) => {
    bar?.stop();
    bar = undefined;
    warn(w.message);
  });
  return () => {
    bar?.stop();
    offProgress();
    offWarn();
  };
}
