// Facts about the real servers that scripts/test-env/up.sh started (ports, tokens, key files).
// Each service writes $CASEPACK_TEST_STATE/<name>.json. A test that needs a server fails with a
// clear message when it is missing; it never skips silently.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const testStateDir = process.env.CASEPACK_TEST_STATE ?? '/tmp/casepack-test-env';

export function testService<T = Record<string, unknown>>(name: string): T {
  const file = path.join(testStateDir, `${name}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    throw new Error(
      `test service "${name}" is not running (${file} missing): run \`bash scripts/test-env/up.sh\` or \`npm test\``,
    );
  }
}
