// Types for the configuration module, so tests can import it under strict TypeScript.
import type { Configuration } from 'electron-builder';

export declare const FUSES: NonNullable<Configuration['electronFuses']>;
export declare const FILES: string[];
declare const config: Configuration & {
  electronFuses: typeof FUSES;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
};
export default config;
