// The one service object every front end calls (CLI directly; serve and Electron through the API
// transports). Each subsystem implements its part in its own module; this class only wires them to
// settings, the data directory and the event stream. Each area's module is imported when one of its
// methods is first called: `collect` on a small server must not load the submission stack (axios,
// nodemailer, ssh2, openpgp: about 37 MB of memory) nor the case detector.
import type {
  CaseCheckArgs,
  CaseCheckReply,
  CaseDefaultsReply,
  CaseDefinitionsReply,
  CaseLoadReply,
  CaseSaveReply,
  ContactReply,
} from '../common/api/case.js';
import type { BundleArgs, BundleInspection, VerifyReport } from '../common/api/bundle.js';
import type { DiffBundlesArgs, SnapshotArgs, SnapshotReply } from '../common/api/changes.js';
import type { BundleDiff } from '../common/changes/bundle-diff.js';
import type { CaseContact, CaseInput } from '../common/case/schema.js';
import { CasepackError } from '../common/errors.js';
import type {
  CollectArgs,
  CollectResult,
  CollectRun,
  PlanArgs,
  ProfilesReply,
} from '../common/api/collect.js';
import type { Plan } from '../common/collect/plan.js';
import { TypedEmitter } from '../common/events.js';
import { describeSecretRef, type SecretRef } from '../common/settings/secret-ref.js';
import { resolveSecret } from './settings/secrets.js';
import { loadSettings, type LoadedSettings } from './settings/store.js';
import { defaultDataDir } from './settings/paths.js';
import type { SubmitApi } from './submit/submit-api.js';
import {
  pseudonymLookupArgsSchema,
  scrubArgsSchema,
  type PseudonymLookupArgs,
  type PseudonymLookupReply,
  type ScrubArgs,
} from '../common/api/redaction.js';
import type { ScrubResult } from './redact/scrub.js';

const bundleArea = () => import('./bundle/service-methods.js');
const caseArea = () => import('./case/service-methods.js');
const changesArea = () => import('./changes/service-methods.js');
const collectArea = () => import('./collect/service-methods.js');

export interface ServiceOptions {
  /** `--config FILE`; else CASEPACK_CONFIG; else the per-user default. */
  configFile?: string;
  /** Data directory (site key, baselines, outbox, history); default per platform or CASEPACK_DATA_DIR. */
  dataDir?: string;
  /**
   * The desktop app's secure storage, for `{ keychain: NAME }` secret references (Electron
   * safeStorage). Absent in the CLI and `serve`, where such references are refused.
   */
  keychain?: (name: string) => Promise<string | undefined>;
}

export class CasepackService {
  readonly events = new TypedEmitter();
  readonly dataDir: string;
  private readonly configFlag: string | undefined;
  private settingsCache: Promise<LoadedSettings> | undefined;
  private readonly keychain: ServiceOptions['keychain'];
  private submitApi: Promise<SubmitApi> | undefined;

  constructor(opts: ServiceOptions = {}) {
    this.configFlag = opts.configFile;
    this.dataDir = opts.dataDir ?? defaultDataDir();
    this.keychain = opts.keychain;
  }

  private submission(): Promise<SubmitApi> {
    this.submitApi ??= import('./submit/submit-api.js').then(
      ({ SubmitApi }) =>
        new SubmitApi({
          settings: () => this.settings(),
          dataDir: this.dataDir,
          events: this.events,
          resolveSecret: (ref) => this.resolveSecret(ref),
        }),
    );
    return this.submitApi;
  }

  /** The value behind a secret reference, at the moment it is needed (never logged, never stored). */
  async resolveSecret(ref: SecretRef): Promise<string> {
    if ('keychain' in ref && this.keychain) {
      const v = await this.keychain(ref.keychain);
      if (v === undefined || v === '')
        throw new CasepackError('auth', `the ${describeSecretRef(ref)} is not set in this app`);
      return v;
    }
    return resolveSecret(ref);
  }

  /** The settings file, read once per service (call `reloadSettings` after an edit). */
  settings(): Promise<LoadedSettings> {
    this.settingsCache ??= loadSettings(this.configFlag);
    return this.settingsCache;
  }

  reloadSettings(): Promise<LoadedSettings> {
    this.settingsCache = undefined;
    return this.settings();
  }

  // Case intake (core/node/case/service-methods.ts).
  async caseCheck(args: CaseCheckArgs): Promise<CaseCheckReply> {
    return (await caseArea()).caseCheck(this, args);
  }
  async caseLoad(args: { file: string }): Promise<CaseLoadReply> {
    return (await caseArea()).caseLoad(this, args);
  }
  async caseSave(args: {
    file: string;
    case: CaseInput;
    overwrite?: boolean;
  }): Promise<CaseSaveReply> {
    return (await caseArea()).caseSave(this, args);
  }
  async caseDefaults(args: { profiles?: string[] } = {}): Promise<CaseDefaultsReply> {
    return (await caseArea()).caseDefaults(this, args);
  }
  async contactGet(args: Record<string, never> = {}): Promise<ContactReply> {
    return (await caseArea()).contactGet(this, args);
  }
  async contactSet(args: { contact: CaseContact }): Promise<ContactReply> {
    return (await caseArea()).contactSet(this, args);
  }
  async caseDefinitions(args: Record<string, never> = {}): Promise<CaseDefinitionsReply> {
    return (await caseArea()).caseDefinitions(args);
  }

  // Collection (core/node/collect/service-methods.ts).
  async plan(args: PlanArgs = {}): Promise<Plan> {
    return (await collectArea()).plan(this, args);
  }
  async profiles(_args: Record<string, never> = {}): Promise<ProfilesReply> {
    return (await collectArea()).profiles(this);
  }
  /** Collect into a bundle; progress arrives as collect:* events on `events`. */
  async collect(args: CollectArgs, opts: { signal?: AbortSignal } = {}): Promise<CollectResult> {
    return (await collectArea()).collect(this, args, opts);
  }
  // Background collections for the UI (core/node/collect/collect-runs.ts).
  async collectStart(args: CollectArgs): Promise<CollectRun> {
    return (await collectArea()).collectStart(this, args);
  }
  async collectStatus(args: { runId: string }): Promise<CollectRun> {
    return (await collectArea()).collectRuns(this).status(args.runId);
  }
  async collectSkip(args: { runId: string; itemId: string }): Promise<CollectRun> {
    return (await collectArea()).collectRuns(this).skip(args.runId, args.itemId);
  }
  async collectCancel(args: { runId: string }): Promise<CollectRun> {
    return (await collectArea()).collectRuns(this).cancel(args.runId);
  }

  // Recent changes (core/node/changes/service-methods.ts).
  async diffBundles(args: DiffBundlesArgs): Promise<BundleDiff> {
    return (await changesArea()).diffBundles(args);
  }
  async snapshot(args: SnapshotArgs = {}): Promise<SnapshotReply> {
    return (await changesArea()).snapshot(this, args);
  }

  // Submission (core/node/submit/submit-api.ts; argument schemas in core/common/api/submit.ts).
  submit: SubmitApi['submit'] = async (args, signal) =>
    (await this.submission()).submit(args, signal);
  submitWarnings: SubmitApi['submitWarnings'] = async (args) =>
    (await this.submission()).submitWarnings(args);
  listTargets: SubmitApi['listTargets'] = async (args) =>
    (await this.submission()).listTargets(args);
  outboxList: SubmitApi['outboxList'] = async (args) => (await this.submission()).outboxList(args);
  outboxRetry: SubmitApi['outboxRetry'] = async (args, signal) =>
    (await this.submission()).outboxRetry(args, signal);
  outboxCancel: SubmitApi['outboxCancel'] = async (args) =>
    (await this.submission()).outboxCancel(args);
  history: SubmitApi['history'] = async (args) => (await this.submission()).history(args);
  hostKey: SubmitApi['hostKey'] = async (args) => (await this.submission()).hostKey(args);
  trustHostKey: SubmitApi['trustHostKey'] = async (args) =>
    (await this.submission()).trustHostKey(args);
  exportBundle: SubmitApi['exportBundle'] = async (args) =>
    (await this.submission()).exportBundle(args);

  /** Redacted copies of every file under a folder (redaction: core/node/redact/). */
  async scrub(args: ScrubArgs): Promise<ScrubResult> {
    const a = scrubArgsSchema.parse(args);
    const { runScrub } = await import('./redact/service-methods.js');
    return runScrub(this, a);
  }

  // Finished bundles (core/node/bundle/service-methods.ts).
  async verifyBundle(args: BundleArgs): Promise<VerifyReport> {
    return (await bundleArea()).verifyBundle(args);
  }
  async inspectBundle(args: BundleArgs): Promise<BundleInspection> {
    return (await bundleArea()).inspectBundle(args);
  }

  /** What a pseudonym in a bundle stands for (the mapping never leaves this host). */
  async pseudonymLookup(args: PseudonymLookupArgs): Promise<PseudonymLookupReply> {
    const a = pseudonymLookupArgsSchema.parse(args);
    const { runPseudonymLookup } = await import('./redact/service-methods.js');
    return runPseudonymLookup(this, a);
  }
}
