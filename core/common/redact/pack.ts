// The built-in rule pack and how a run's configuration (custom rules, keep-list, disabled rules)
// turns it into one compiled pack. Rule names are the marker names a user sees in the report.
import { classifyKey, normalizeKey, type KeyClass } from './key-names.js';
import { compilePack, type CompiledPack, type TextFinder } from './engine.js';
import { adminCommandsRule } from './rules/admin-commands.js';
import { authorizationRule } from './rules/auth-header.js';
import { k8sSecretRule, pemRule } from './rules/blocks.js';
import { cliFlagsRule } from './rules/cli-flags.js';
import { compileCustomRules, type CustomRuleSpec } from './rules/custom.js';
import { passwordHashRule, sqlPasswordRule } from './rules/hashes.js';
import { keyValueRule, keyValueRuleAnyKey } from './rules/key-value.js';
import { nameValueRule } from './rules/name-value.js';
import { ezConnectRule, oracleConnectRule } from './rules/oracle.js';
import { SHAPES, shapeRules } from './rules/shapes.js';
import { serviceConfigRules } from './rules/service-configs.js';
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
    adminCommandsRule,
    ...serviceConfigRules,
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
  const rules = builtinRules();
  // builtinKeyValueCheck assumes the built-in key names only
  if (custom.extraKeys.size > 0) rules[rules.indexOf(keyValueRule)] = keyValueRuleAnyKey;
  rules.push(...custom.rules);
  const first = rules.length;
  rules.push(...(cfg.extraRules ?? []));
  const finders = cfg.finders?.(first) ?? [];
  return {
    compiled: compilePack(rules, finders),
    classifyKey: memoizeKeys((key) => classifyKey(key, { keep, extraKeys: custom.extraKeys })),
  };
}

/** Distinct keys remembered per pack; the memo is emptied when full, so memory stays flat. */
export const KEY_MEMO_LIMIT = 4096;
/** Longer keys are classified every time (they are rare, and would weigh on the memo). */
const KEY_MEMO_MAX_LENGTH = 64;

/**
 * The same few keys come back on every line of a log or config (`user=`, `session`, `token`), and
 * classifying one splits and normalises it several times: remember each key's class. The result
 * depends on the key string alone (the pack's keep-list and custom keys are fixed), so this
 * changes no output.
 */
export function memoizeKeys(
  classify: (key: string) => KeyClass | undefined,
  limit = KEY_MEMO_LIMIT,
): (key: string) => KeyClass | undefined {
  const memo = new Map<string, KeyClass | null>();
  return (key) => {
    if (key.length > KEY_MEMO_MAX_LENGTH) return classify(key);
    const known = memo.get(key);
    if (known !== undefined) return known ?? undefined;
    const cls = classify(key);
    if (memo.size >= limit) memo.clear();
    // A copy: a key sliced from a line would otherwise keep the whole line alive in the memo.
    memo.set(ownCopy(key), cls ? Object.freeze(cls) : null);
    return cls;
  };
}

function ownCopy(s: string): string {
  const codes = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) codes[i] = s.charCodeAt(i);
  return String.fromCharCode(...codes);
}
