// The collection engine's methods as part of the one contract (arguments and results in
// ./collect.ts).
import type { Plan } from '../collect/plan.js';
import {
  collectArgsSchema,
  planArgsSchema,
  profilesArgsSchema,
  type CollectResult,
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
};
