// The completeness rules, in one place: for each case type, which fields and which artifacts are
// required, recommended or not needed, and why Level 1 support needs them. `casepack case check`,
// the intake, the UI and every submitter ask these functions; nothing else decides it.
import type { CaseFieldKey } from './fields.js';
import type { Case, CaseType } from './schema.js';

export type Need = 'required' | 'recommended' | 'not-needed';

export const ARTIFACT_KEYS = [
  'system-report',
  'logs',
  'config',
  'recent-changes',
  'resource-figures',
  'data-dumps',
  'diagnostic-report',
  'screenshots',
  'test-case',
] as const;
export type ArtifactKey = (typeof ARTIFACT_KEYS)[number];

/** Why L1 needs each field, in the customer's words. Per-type wording overrides it below. */
export const FIELD_WHY: Record<CaseFieldKey, string> = {
  mode: 'L1 needs to know whether this opens a new case or adds to an existing one.',
  caseNumber: 'An update is added to an existing case; L1 needs its number to find it.',
  referenceId: 'The case system matches an update to its case by the reference ID as well.',
  'contact.name': 'L1 needs to know whom to talk to about this case.',
  'contact.email':
    'L1 sends questions and updates to this address; without it they cannot answer you.',
  'contact.phone': 'A phone number lets L1 call you when a question is quicker to settle by voice.',
  'contact.organization': 'L1 looks up your support contract and your systems by organisation.',
  'contact.preferredChannel': 'L1 contacts you the way you prefer.',
  'contact.timeZone': 'L1 calls you during your working hours, not in the middle of your night.',
  'contact.onCall.name':
    'A P1 is worked around the clock; L1 needs someone to reach when you are off duty.',
  'contact.onCall.phone':
    'A P1 is worked around the clock; L1 needs a number that answers at any hour.',
  'product.name': 'L1 sends the case to the team that knows that product.',
  'product.version':
    'Fixes, known issues and patches differ from version to version; L1 checks yours first.',
  'product.patches': 'A patch you installed may already fix, or may have caused, the problem.',
  'platform.os':
    'Some problems occur only on one operating system; L1 tries to reproduce on yours.',
  'platform.version': 'Some problems occur only on one operating system release.',
  'platform.architecture': 'Some problems occur only on one processor architecture.',
  'platform.javaVersion': 'Many problems depend on the Java version the product runs on.',
  type: 'The case type decides who works on the case and what they need from you.',
  severity: 'The severity decides how fast support responds; choose the one whose definition fits.',
  summary: 'One line that L1 reads first; it becomes the title of the case.',
  description:
    'L1 needs to understand the problem in your words: what you were doing, what went wrong ' +
    'and what it affects.',
  stepsToReproduce:
    'L1 first tries to make the problem happen on their own system; without the steps they ' +
    'have to come back and ask you for them.',
  expected:
    'L1 compares what you expected with what happened, to tell a defect from a ' +
    'configuration choice or a misunderstanding.',
  actual: 'L1 searches known issues for exactly what happened (error messages word for word).',
  startedAt:
    'L1 looks at the logs and figures from the time it started; without the time they ' +
    'cannot find the right moment.',
  frequency: 'A problem that happens every time is found differently from one that comes and goes.',
  recentChanges:
    'Most problems follow a change (an update, a new setting, a new certificate); telling ' +
    'L1 what changed often leads straight to the cause.',
  businessImpact:
    'What the problem costs you (users, processes, deadlines) helps support weigh it.',
  attachments: 'A test case, screenshot or export lets L1 see exactly what you see.',
};

export const ARTIFACT_INFO: Record<ArtifactKey, { label: string; why: string }> = {
  'system-report': {
    label: 'System report',
    why: 'L1 checks the platform, resources and settings of the server against known issues.',
  },
  logs: {
    label: 'Product logs from the time of the problem',
    why: 'The logs show what the product did when it failed; they are the first thing L1 reads.',
  },
  config: {
    label: 'Configuration files',
    why: 'Many problems come from a setting; L1 reads the configuration to check it.',
  },
  'recent-changes': {
    label: 'Recent changes to configuration and software',
    why: 'Most problems follow a change; a list of what changed often points to the cause.',
  },
  'resource-figures': {
    label: 'Resource figures over the problem window',
    why:
      'A performance problem is found in CPU, memory, disk and garbage collection figures ' +
      'over time, not in a single snapshot.',
  },
  'data-dumps': {
    label: 'Thread or heap dumps',
    why: 'A thread dump shows what the product is busy with while it is slow or stuck.',
  },
  'diagnostic-report': {
    label: 'Health checks',
    why: 'Health checks show at once whether a database, disk or service the product needs is down.',
  },
  screenshots: {
    label: 'Screenshots',
    why: 'A screenshot shows L1 exactly what you see.',
  },
  'test-case': {
    label: 'A reproducible test case',
    why: 'A small test case lets L1 reproduce the problem without your system.',
  },
};

interface TypeRules {
  fields: Partial<Record<CaseFieldKey, Need>>;
  artifacts: Partial<Record<ArtifactKey, Need>>;
  /** Wording that replaces FIELD_WHY for this type. */
  why?: Partial<Record<CaseFieldKey, string>>;
}

/** Required for every type (the interface). */
const EVERY_TYPE: Partial<Record<CaseFieldKey, Need>> = {
  'contact.name': 'required',
  'contact.email': 'required',
  'product.name': 'required',
  'product.version': 'required',
  type: 'required',
  severity: 'required',
  summary: 'required',
  description: 'required',
  'contact.phone': 'recommended',
  'contact.organization': 'recommended',
  'contact.preferredChannel': 'recommended',
  'contact.timeZone': 'recommended',
};

const PLATFORM: Partial<Record<CaseFieldKey, Need>> = {
  'platform.os': 'recommended',
  'platform.version': 'recommended',
  'platform.architecture': 'recommended',
  'platform.javaVersion': 'recommended',
};

const REPRODUCE: Partial<Record<CaseFieldKey, Need>> = {
  stepsToReproduce: 'required',
  expected: 'required',
  actual: 'required',
  startedAt: 'recommended',
  frequency: 'recommended',
  recentChanges: 'recommended',
  businessImpact: 'recommended',
  'product.patches': 'recommended',
  attachments: 'recommended',
};

export const CASE_RULES: Record<CaseType, TypeRules> = {
  question: {
    fields: { ...EVERY_TYPE, 'platform.os': 'recommended', 'platform.version': 'recommended' },
    artifacts: {},
    why: {
      description: 'L1 needs your question in full: what you want to do and what you tried.',
    },
  },
  enhancement: {
    fields: { ...EVERY_TYPE, businessImpact: 'recommended', attachments: 'recommended' },
    // An enhancement request needs a use case, not logs.
    artifacts: {},
    why: {
      description:
        'For an enhancement request the description is the use case: what you want to do, ' +
        'why, and how you manage today. Product management decides on it from this text.',
      businessImpact: 'Product management weighs a request by what it would save or enable.',
    },
  },
  'product-error': {
    fields: { ...EVERY_TYPE, ...PLATFORM, ...REPRODUCE },
    artifacts: {
      'system-report': 'required',
      logs: 'required',
      config: 'recommended',
      'recent-changes': 'recommended',
      screenshots: 'recommended',
      'test-case': 'recommended',
    },
  },
  'unexpected-behavior': {
    fields: { ...EVERY_TYPE, ...PLATFORM, ...REPRODUCE },
    artifacts: {
      'system-report': 'recommended',
      logs: 'recommended',
      config: 'recommended',
      'recent-changes': 'recommended',
      screenshots: 'recommended',
      'test-case': 'recommended',
    },
  },
  performance: {
    fields: {
      ...EVERY_TYPE,
      ...PLATFORM,
      startedAt: 'required',
      frequency: 'recommended',
      recentChanges: 'recommended',
      businessImpact: 'recommended',
      stepsToReproduce: 'recommended',
      expected: 'recommended',
      actual: 'recommended',
      'product.patches': 'recommended',
    },
    artifacts: {
      'resource-figures': 'required',
      'system-report': 'required',
      logs: 'recommended',
      'data-dumps': 'recommended',
      'recent-changes': 'recommended',
      'diagnostic-report': 'recommended',
    },
    why: {
      startedAt:
        'L1 compares resource figures and logs from the time the slowness began; without the ' +
        'time they cannot find it.',
      expected: 'How fast it normally is (e.g. "the report takes 5 seconds").',
      actual: 'How slow it is now (e.g. "the report takes 3 minutes").',
    },
  },
};

/** What a target (owned by the submitters) may demand of case numbers and reference IDs. */
export interface CaseTargetRules {
  /** The target's name, for messages. */
  name?: string;
  /** A regular expression the whole case number must match, e.g. `\d{5,8}`. */
  caseNumberPattern?: string;
  /** How a valid number looks, for the message (e.g. "5 to 8 digits"). */
  caseNumberHint?: string;
  referenceIdPattern?: string;
  referenceIdHint?: string;
  /** An update through this target must carry the reference ID. */
  requireReferenceId?: boolean;
}

export interface FieldNeed {
  key: CaseFieldKey;
  need: Need;
  why: string;
}

/** Every field's need for this case (its type, severity and mode; and the target, if given). */
export function fieldNeeds(c: Case, target?: CaseTargetRules): FieldNeed[] {
  const rules = c.type ? CASE_RULES[c.type] : undefined;
  const needs: Partial<Record<CaseFieldKey, Need>> = { ...(rules?.fields ?? EVERY_TYPE) };
  const why: Partial<Record<CaseFieldKey, string>> = { ...rules?.why };
  if (c.severity === 'P1') {
    needs['contact.phone'] = 'required';
    why['contact.phone'] =
      'A P1 is worked around the clock; L1 must be able to call you at once rather than wait ' +
      'for an e-mail.';
    needs['contact.onCall.name'] = 'recommended';
    needs['contact.onCall.phone'] = 'recommended';
    needs.businessImpact = 'recommended';
  }
  if (c.mode === 'update') {
    needs.caseNumber = 'required';
    needs.referenceId = target?.requireReferenceId ? 'required' : 'recommended';
    if (target?.requireReferenceId && target.name)
      why.referenceId = `${target.name} adds an update to a case only when its reference ID matches.`;
  }
  return (Object.entries(needs) as Array<[CaseFieldKey, Need]>).map(([key, need]) => ({
    key,
    need,
    why: why[key] ?? FIELD_WHY[key],
  }));
}

export interface ArtifactNeed {
  key: ArtifactKey;
  need: Need;
  label: string;
  why: string;
}

/** The artifacts this case type needs (required and recommended; everything else is not needed). */
export function artifactNeeds(type: CaseType | undefined): ArtifactNeed[] {
  const table = type ? CASE_RULES[type].artifacts : {};
  return (Object.entries(table) as Array<[ArtifactKey, Need]>).map(([key, need]) => ({
    key,
    need,
    ...ARTIFACT_INFO[key],
  }));
}
