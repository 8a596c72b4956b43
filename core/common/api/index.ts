// The one API contract (`CasepackApi`): every method async, one plain-object argument validated by
// its zod schema, a plain-data result; errors as { code, message }; events in core/common/events.ts.
// Each area declares its methods in core/common/api/<area>.ts; this file only composes them.
// The host implements it once (core/node/api); the CLI calls it directly, the desktop app over
// Electron IPC, the browser over HTTP (docs/technical/api.md).
import type { ClientOf, HandlersOf } from './define.js';
import { appMethods } from './app.js';
import { bundleMethods } from './bundle.js';
import { caseMethods } from './case-methods.js';
import { collectMethods } from './collect-methods.js';
import { mediaMethods } from './media.js';
import { reviewMethods } from './review.js';
import { secretsMethods } from './secrets.js';
import { submitMethods } from './submit-methods.js';

export const API_METHODS = {
  ...appMethods,
  ...secretsMethods,
  ...caseMethods,
  ...collectMethods,
  ...reviewMethods,
  ...mediaMethods,
  ...submitMethods,
  ...bundleMethods,
};

export type ApiMethods = typeof API_METHODS;
export type MethodName = keyof ApiMethods;
export type CasepackApi = ClientOf<ApiMethods>;
export type ApiHandlers = HandlersOf<ApiMethods>;

export { API_METHOD_NAMES } from './method-names.js';
