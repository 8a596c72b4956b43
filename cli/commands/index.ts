// Every command, registered in the order `casepack --help` lists them. One module per command.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { register as caseCmd } from './case.js';
import { register as config } from './config.js';
import { register as diff } from './diff.js';
import { register as plan } from './plan.js';
import { register as profiles } from './profiles.js';
import { register as serve } from './serve.js';

export const COMMANDS: Array<(program: Command, ctx: CliContext) => void> = [
  plan,
  profiles,
  caseCmd,
  config,
  diff,
  serve,
];
