// Validate a service method's one plain-object argument against its schema (core/common/api/*),
// so every transport (CLI, HTTP, IPC) gets the same clear error for a bad call.
import type { z } from 'zod';
import { CasepackError } from '../common/errors.js';

export function parseApiArgs<S extends z.ZodType>(
  method: string,
  schema: S,
  args: unknown,
): z.output<S> {
  const r = schema.safeParse(args ?? {});
  if (r.success) return r.data;
  const why = r.error.issues.map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`);
  throw new CasepackError('usage', `${method}: ${why.join('; ')}`);
}
