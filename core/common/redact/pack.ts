// The built-in rule pack and how a run's configuration (custom rules, keep-list, disabled rules)
// turns it into one compiled pack. Rule names are the marker names a user sees in the report.
import { classifyKey, normalizeKey, type KeyClass } from './key-names.js';
import { compilePack, type CompiledPack, type TextFinder } from './engine.js';
import { authorizationRule } from './rules/auth-header.js';
import { k8sSecretRule, pemRule } from './rules/blocks.js';
import { cliFlagsRule } from './rules/cli-flags.js';
import { compileCustomRules, type CustomRuleSpec } from './rules/custom.js';
import { passwordHashRule, sqlPasswordRule } from './rules/hashes.js';
import { keyValueRule } from './rules/key-value.js';
import { nameValueRule } from './rules/name-value.js';
import { ezConnectRule, oracleConnectRule } from './rules/oracle.js';
import { SHAPES, shapeRules } from './rules/shapes.js';
import { snmpConfigRule } from './rules/snmp.js';
import { urlCredentialsRule } from './rules/url.js';
import type { Rule } from './types.js';

export function builtinRules(): Rule[] {
  return [
    keyValueRule,
    nameValueRule,
    urlCredentialsRule,
    authorizationRule,
    passwordHashRule,
    sqlPasswordRule,
    oracleConnectRule,
    ezConnectRule,
    snmpConfigRule,
    cliFlagsRule,
    pemRule,
    k8sSecretRule,
    ...shapeRules,
  ];
}

/** Every marker name the built-in pack can write, for docs and validation of `disable`. */
export const BUILTIN_RULE_NAMES: readonly string[] = [
  ...new Set([
    'password',
    'keystore-password',
    'ldap-bind-password',
    'smtp-password',
    'snmp-passphrase',
    'snmp-community',
    'secret',
    'client-secret',
    'token',
    'api-key',
    'private-key',
    'auth',
    'basic-auth',
    'bearer-token',
    'authorization',
    'signature',
    'session-id',
    'cookie',
    'psk',
    'password-hash',
    'jdbc-password',
    'url-password',
    'url-token',
    'db-connect-password',
    'cli-password',
    'k8s-secret-data',
    ...SHAPES.map((s) => s.rule),
  ]),
].sort();

export interface PackConfig {
  custom?: readonly CustomRuleSpec[];
  /** Key names never redacted (any spelling: `password_policy`, `passwordPolicy`). */
  keep?: readonly string[];
  /** Extra rules (pseudonymisation) and finders for rules without literal triggers. */
  extraRules?: readonly Rule[];
  finders?: (firstIndex: number) => TextFinder[];
}

export interface RedactionPack {
  compiled: CompiledPack;
  classifyKey(key: string): KeyClass | undefined;
}

export function buildPack(cfg: PackConfig = {}): RedactionPack {
  const custom = compileCustomRules(cfg.custom ?? []);
  const keep = new Set((cfg.keep ?? []).map(normalizeKey));
  const rules = [...builtinRules(), ...custom.rules];
  const first = rules.length;
  rules.push(...(cfg.extraRules ?? []));
  const finders = cfg.finders?.(first) ?? [];
  return {
    compiled: compilePack(rules, finders),
    classifyKey: (key) => classifyKey(key, { keep, extraKeys: custom.extraKeys }),
  };
}
