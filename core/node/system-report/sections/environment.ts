// Environment variables of the casepack process (the shell it was started from): PATH, JAVA_HOME,
// proxies, locale. Values of secret-looking names are masked here already, before the redactor
// sees the section (defence in depth).
import { maskEnvValue } from '../../../common/system-report/secret-names.js';
import type { SystemSection } from '../types.js';

export const environmentSection: SystemSection = {
  id: 'environment',
  title: 'Environment variables',
  timeoutMs: 20_000,
  async collect(ctx) {
    const variables: Record<string, string> = {};
    for (const name of Object.keys(ctx.env).sort()) {
      const value = ctx.env[name];
      if (value !== undefined) variables[name] = maskEnvValue(name, value);
    }
    return {
      note: 'variables of the casepack process; values of secret-looking names are masked',
      variables,
    };
  },
};
