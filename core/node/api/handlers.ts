// The contract implemented once: every area's handlers composed into one object over the service.
// Transports never call these directly; they go through `createDispatch` (validation, errors).
import type { ApiHandlers } from '../../common/api/index.js';
import type { CasepackService } from '../service.js';
import { appHandlers } from './app-handlers.js';
import { bundleHandlers } from './bundle-handlers.js';
import { caseHandlers } from './case-handlers.js';
import { collectHandlers } from './collect-handlers.js';
import { handlerContext, type HandlerContext } from './context.js';
import { mediaHandlers } from './media-handlers.js';
import { reviewHandlers } from './review-handlers.js';
import { submitHandlers } from './submit-handlers.js';
import { createDispatch, type Dispatch } from './dispatch.js';

export function createHandlers(ctx: HandlerContext): ApiHandlers {
  return {
    ...appHandlers(ctx),
    ...caseHandlers(ctx),
    ...collectHandlers(ctx),
    ...reviewHandlers(ctx),
    ...mediaHandlers(ctx),
    ...submitHandlers(ctx),
    ...bundleHandlers(ctx),
  };
}

/** The host side of the API for one service: what a transport needs. */
export interface ApiHost {
  dispatch: Dispatch;
  events: CasepackService['events'];
}

export function createApiHost(
  service: CasepackService,
  shell: HandlerContext['shell'],
  overrides: Partial<ApiHandlers> = {},
  env: NodeJS.ProcessEnv = process.env,
): ApiHost {
  const handlers = { ...createHandlers(handlerContext(service, shell, env)), ...overrides };
  return { dispatch: createDispatch(handlers), events: service.events };
}
