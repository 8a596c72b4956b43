// The collection engine's methods as part of the one contract (arguments and results in
// ./collect.ts).
import type { Plan } from '../collect/plan.js';
import {
  collectArgsSchema,
  collectRunArgsSchema,
  collectSkipArgsSchema,
  planArgsSchema,
  profilesArgsSchema,
  type CollectResult,
  type CollectRun,
  type ProfilesReply,
} from './collect.js';
import { method } from './define.js';

export const collectMethods = {
  planCollection: method(
    planArgsSchema,
    'What a collection would take (estimated sizes) and leave out, and why; opens no file.',
  ).returns<Plan>(),
  listProfiles: method(
    profilesArgsSchema,
    'The shipped profiles and whether each applies on this host.',
  ).returns<ProfilesReply>(),
  collect: method(
    collectArgsSchema,
    'Collect into a bundle; progress arrives as collect:progress, collect:item and collect:done events.',
  ).returns<CollectResult>(),
  collectStart: method(
    collectArgsSchema,
    'Start a collection in the background and return its runId at once; follow it by the collect:* events.',
  ).returns<CollectRun>(),
  collectStatus: method(
    collectRunArgsSchema,
    'A background run as it stands: progress, finished items, the result or the error.',
  ).returns<CollectRun>(),
  collectSkip: method(
    collectSkipArgsSchema,
    'Skip one item of a running collection (stop it if it runs); it ends as skipped in the manifest.',
  ).returns<CollectRun>(),
  collectCancel: method(
    collectRunArgsSchema,
    'Cancel a whole running collection: no bundle is written.',
  ).returns<CollectRun>(),
};
