// Which steps a submission takes, decided from the target and the bundle's size. A new RT case with a
// bundle over the attach limit is one job with three steps: open the ticket, upload the bundle with
// the ticket number as prefix, post the receipt on the ticket.
import type { JobStep } from '../../common/api/submit.js';
import type { Settings } from '../../common/settings/schema.js';
import type { Target } from '../../common/targets/schema.js';
import { TARGET_DEFAULTS } from '../../common/targets/schema.js';
import { formatBytes } from '../../common/units.js';
import { permanent } from './errors.js';
import { largeFileSteps } from './rt/rt-steps.js';
import { newStep } from './step.js';

export function planSteps(
  settings: Settings,
  name: string,
  target: Target,
  bundleSize: number,
  mode: 'new' | 'update',
): JobStep[] {
  switch (target.type) {
    case 'rt': {
      const limit = target.attachLimit ?? TARGET_DEFAULTS.attachLimit;
      const fits = bundleSize <= limit;
      if (!fits && !target.largeFiles)
        throw permanent(
          'config',
          `the bundle (${formatBytes(bundleSize)}) is over the attach limit of the target "${name}" (${formatBytes(limit)}) ` +
            `and the target has no \`largeFiles\` target for it: add one (an sftp or folder target), or raise attachLimit`,
        );
      if (mode === 'update') {
        // The case number is known: upload first, then one message with the update and the receipt.
        if (fits) return [newStep('rt-correspond', name, { attach: true })];
        return [
          ...largeFileSteps(settings, target, name).slice(0, 1),
          newStep('rt-correspond', name, { attach: false }),
        ];
      }
      if (fits) return [newStep('rt-create', name, { attach: true })];
      return [
        newStep('rt-create', name, { attach: false }),
        ...largeFileSteps(settings, target, name),
      ];
    }
    case 'sftp':
      return [newStep('sftp-upload', name)];
    case 'smtp':
      return [newStep('smtp-send', name)];
    case 'folder':
      return [newStep('folder-export', name)];
  }
}
