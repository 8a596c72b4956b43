// The one service object every front end calls (CLI directly; serve and Electron through the API
// transports). Each subsystem implements its part in its own module; this class only wires them to
// settings, the data directory and the event stream.
import { TypedEmitter } from '../common/events.js';
import { loadSettings, type LoadedSettings } from './settings/store.js';
import { defaultDataDir } from './settings/paths.js';

export interface ServiceOptions {
  /** `--config FILE`; else CASEPACK_CONFIG; else the per-user default. */
  configFile?: string;
  /** Data directory (site key, baselines, outbox, history); default per platform or CASEPACK_DATA_DIR. */
  dataDir?: string;
}

export class CasepackService {
  readonly events = new TypedEmitter();
  readonly dataDir: string;
  private readonly configFlag: string | undefined;
  private settingsCache: Promise<LoadedSettings> | undefined;

  constructor(opts: ServiceOptions = {}) {
    this.configFlag = opts.configFile;
    this.dataDir = opts.dataDir ?? defaultDataDir();
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
}
