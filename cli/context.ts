// What every command gets: the global options and a lazily created service.
import type { Command } from 'commander';
import { CasepackService } from '../core/node/service.js';

export interface CliContext {
  program: Command;
  /** The service, created on first use with the global --config. */
  service(): CasepackService;
}

export function createContext(program: Command): CliContext {
  let svc: CasepackService | undefined;
  return {
    program,
    service() {
      svc ??= new CasepackService({ configFile: program.opts<{ config?: string }>().config });
      return svc;
    },
  };
}
