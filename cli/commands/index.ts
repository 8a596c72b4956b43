// Every command, registered in the order `casepack --help` lists them. One module per command.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { register as caseCmd } from './case.js';
import { register as collect } from './collect.js';
import { register as config } from './config.js';
import { register as diff } from './diff.js';
import { register as history } from './history.js';
import { register as inspect } from './inspect.js';
import { register as outbox } from './outbox.js';
import { register as plan } from './plan.js';
import { register as profiles } from './profiles.js';
import { register as pseudonyms } from './pseudonyms.js';
import { register as scrub } from './scrub.js';
import { register as serve } from './serve.js';
import { register as submit } from './submit.js';
import { register as snapshot } from './snapshot.js';
import { register as targets } from './targets.js';
import { register as verify } from './verify.js';

export const COMMANDS: Array<(program: Command, ctx: CliContext) => void> = [
  collect,
  plan,
  profiles,
  caseCmd,
  submit,
  outbox,
  history,
  targets,
  config,
  diff,
  scrub,
  verify,
  inspect,
  pseudonyms,
  snapshot,
  serve,
];
