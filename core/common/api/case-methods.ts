// The case intake's methods (argument schemas and results in ./case.ts, owned by the case model)
// as part of the one contract.
import {
  caseCheckArgs,
  caseDefaultsArgs,
  caseDefinitionsArgs,
  caseLoadArgs,
  caseSaveArgs,
  contactGetArgs,
  contactSetArgs,
  type CaseCheckReply,
  type CaseDefaultsReply,
  type CaseDefinitionsReply,
  type CaseLoadReply,
  type CaseSaveReply,
  type ContactReply,
} from './case.js';
import { method } from './define.js';

export const caseMethods = {
  caseCheck: method(
    caseCheckArgs,
    'Is the case complete for its type? What is missing, and why Level 1 needs it.',
  ).returns<CaseCheckReply>(),
  caseLoad: method(
    caseLoadArgs,
    'Read a case file (YAML or JSON) on the host.',
  ).returns<CaseLoadReply>(),
  caseSave: method(caseSaveArgs, 'Write a case file on the host.').returns<CaseSaveReply>(),
  caseDefaults: method(
    caseDefaultsArgs,
    'What casepack fills in by itself: detected platform and product, remembered contact.',
  ).returns<CaseDefaultsReply>(),
  contactGet: method(
    contactGetArgs,
    'The contact remembered in the settings.',
  ).returns<ContactReply>(),
  contactSet: method(
    contactSetArgs,
    'Remember the contact in the settings.',
  ).returns<ContactReply>(),
  caseDefinitions: method(
    caseDefinitionsArgs,
    'Case types, severity definitions, field labels and the per-type rules.',
  ).returns<CaseDefinitionsReply>(),
};
