// Finding a command's program on PATH before running it, so the plan can say "command not found"
// and an optional command is skipped without starting anything.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

export async function which(
  program: string,
  envPath = process.env.PATH ?? '',
): Promise<string | undefined> {
  const candidates = program.includes('/')
    ? [path.resolve(program)]
    : envPath
        .split(path.delimiter)
        .filter(Boolean)
        .map((d) => path.join(d, program));
  for (const c of candidates) {
    try {
      await access(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  return undefined;
}
