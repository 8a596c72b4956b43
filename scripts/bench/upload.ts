// SFTP upload throughput against OpenSSH's `sftp put`. Filled in once the SFTP submitter has landed.
import type { BenchContext } from './sections.js';

export async function uploadSection(ctx: BenchContext) {
  ctx.targets.push({
    name: 'upload',
    target: '>= 0.8x sftp put',
    value: '-',
    note: 'the SFTP submitter has not landed',
  });
  return undefined;
}
