import { describe, expect, it } from 'vitest';
import { updatedDoc } from '../../scripts/case-docs.js';

describe('docs/cases.md', () => {
  it('states the severities and the rules exactly as the code applies them', async () => {
    const { current, updated } = await updatedDoc();
    // When this fails: run `npx tsx scripts/case-docs.ts` and commit docs/cases.md.
    expect(current).toBe(updated);
  });
});
