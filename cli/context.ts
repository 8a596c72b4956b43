// What every command gets: the global options and a lazily created service. The service's module
// (and with it the whole core: every schema, YAML, the collectors) is imported by a preAction hook,
// so only when a command's action is about to run: `casepack --help` and usage errors never load it
// (it was three quarters of their start-up time; issue 7 wants start-up under 300 ms).
import type { Command } from 'commander';
import type * as ServiceModuleNs from '../core/node/service.js';
import type { CasepackService } from '../core/node/service.js';

type ServiceModule = typeof ServiceModuleNs;

export interface CliContext {
  program: Command;
  /** The service, created on first use with the global --config (inside a command's action). */
  service(): CasepackService;
}

export function createContext(program: Command): CliContext {
  let mod: ServiceModule | undefined;
  let svc: CasepackService | undefined;
  program.hook('preAction', async () => {
    mod ??= await import('../core/node/service.js');
  });
  return {
    program,
    service() {
      if (!mod) throw new Error('internal: the service is used before any command action ran');
      svc ??= new mod.CasepackService({ configFile: program.opts<{ config?: string }>().config });
      return svc;
    },
  };
}
