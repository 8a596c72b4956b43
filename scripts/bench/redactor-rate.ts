// The redactor's speed per core on the tree's text. Filled in once the redactor has landed.
import type { BenchContext } from './sections.js';

export async function redactorSection(ctx: BenchContext) {
  ctx.targets.push({
    name: 'redactor',
    target: '>= 200 MB/s per core',
    value: '-',
    note: 'the redactor has not landed',
  });
  return undefined;
}
