// The method names alone, without schemas: the preload imports only this (it stays small and
// holds no validation logic; main validates). The compiler proves the list equals the contract.
import type { ApiMethods } from './index.js';

export const API_METHOD_NAMES = [
  'appInfo',
  'getSettings',
  'setSetting',
  'getDraft',
  'saveDraft',
  'listAppSecrets',
  'setAppSecret',
  'deleteAppSecret',
  'caseCheck',
  'caseLoad',
  'caseSave',
  'caseDefaults',
  'contactGet',
  'contactSet',
  'caseDefinitions',
  'planCollection',
  'listProfiles',
  'collect',
  'collectStart',
  'collectStatus',
  'collectSkip',
  'collectCancel',
  'bundleTree',
  'readEntry',
  'readImage',
  'searchBundle',
  'removeEntries',
  'screenSources',
  'captureScreen',
  'addScreenshot',
  'addAttachment',
  'draftFiles',
  'removeDraftFile',
  'readDraftImage',
  'browse',
  'listTargets',
  'submit',
  'submitWarnings',
  'outboxList',
  'outboxRetry',
  'outboxCancel',
  'history',
  'hostKey',
  'trustHostKey',
  'exportBundle',
  'verifyBundle',
  'inspectBundle',
] as const satisfies ReadonlyArray<keyof ApiMethods>;

type Listed = (typeof API_METHOD_NAMES)[number];
// Fails to compile when a method of the contract is missing from the list above.
export const everyMethodListed: Exclude<keyof ApiMethods, Listed> extends never ? true : never =
  true;
