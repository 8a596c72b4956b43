// The layer rule of DESIGN.md must stay an error: prove it rejects each forbidden import.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

const eslint = new ESLint({ cwd: repoRoot });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [res] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return (res?.messages ?? [])
    .filter((m) => m.ruleId === 'local/layers' && m.severity === 2)
    .map((m) => m.message);
}

describe('layer rule (DESIGN.md)', () => {
  it('keeps core/common pure', async () => {
    expect(
      await layerErrors('core/common/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        'core/common/x.ts',
        "import { a } from '../node/service.js';\nexport const b = a;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layerErrors('core/common/x.ts', "import { z } from 'zod';\nexport const b = z;\n"),
    ).toHaveLength(0);
  });
  it('keeps electron out of core, cli and server, and node out of the renderer', async () => {
    for (const f of ['core/node/x.ts', 'cli/x.ts', 'server/x.ts'])
      expect(
        await layerErrors(f, "import { app } from 'electron';\nexport const a = app;\n"),
      ).toHaveLength(1);
    expect(
      await layerErrors('renderer/x.ts', "import path from 'node:path';\nexport const a = path;\n"),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        'renderer/x.ts',
        "import { a } from '../core/node/service.js';\nexport const b = a;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        'electron/preload/x.ts',
        "import { a } from '../../core/node/service.js';\nexport const b = a;\n",
      ),
    ).toHaveLength(1);
  });
  it('rejects a file in no zone', async () => {
    expect(await layerErrors('newfolder/x.ts', 'export const a = 1;\n')).toHaveLength(1);
  });
});
