// Secrets whose key is given as data rather than as syntax: `<property name="db.password"
// value="x"/>`, `<entry key="password">x</entry>`, Hadoop `<name>fs.s3a.secret.key</name>
// <value>x</value>` and Kubernetes env entries `- name: DB_PASSWORD` / `value: x`, where the value
// may come on one of the next lines (BlockState.pendingValue).
import { isNonSecretValue, isRandomLike } from '../values.js';
import { inlineValueEnd, quotedValue, trimmedEnd } from '../text-scan.js';
import type { KeyClass, KeyStrength } from '../key-names.js';
import type { LineContext, Rule, SpanSink } from '../types.js';
import { KV_NEXT, KV_TRIGGERS } from './key-value.js';
import { NAME_ATTRS, nameValueCheck } from '../byte-checks.js';

const ATTR_NAME = new RegExp(
  `\\b(?:${NAME_ATTRS})[ \\t]*=[ \\t]*(["'])([\\w.\\-/]{1,200})\\1`,
  'gi',
);
const ELEMENT_NAME = /<(name|key)>[ \t]*([\w.\-/]{1,200})[ \t]*<\/\1>/gi;
const YAML_NAME =
  /(?:^|[\s{,])["']?(?:name|key)["']?[ \t]*:[ \t]*["']?([A-Za-z_][\w.\-/]{0,200})["']?[ \t]*(?:,|}|$)/g;

export const nameValueRule: Rule = {
  id: 'name-value',
  triggers: KV_TRIGGERS,
  triggerNext: KV_NEXT,
  triggerNextLower: 's',
  check: nameValueCheck,
  apply(line, out, ctx) {
    let m: RegExpExecArray | null;
    ATTR_NAME.lastIndex = 0;
    while ((m = ATTR_NAME.exec(line)) !== null) {
      const cls = ctx.classifyKey(m[2]!);
      if (!cls) continue;
      const rest = m.index + m[0].length;
      const tagEnd = line.indexOf('>', rest);
      const inTag = line.slice(rest, tagEnd === -1 ? line.length : tagEnd);
      const vm = /\bvalue[ \t]*=[ \t]*(["'])/i.exec(inTag);
      if (vm) {
        const qv = quotedValue(line, rest + vm.index + vm[0].length - 1);
        if (qv) emit(line, qv.start, qv.end, cls.rule, cls.strength, out);
        continue;
      }
      if (tagEnd !== -1 && line[tagEnd - 1] !== '/') {
        const close = line.indexOf('<', tagEnd + 1);
        const end = trimmedEnd(line, close === -1 ? line.length : close);
        if (end > tagEnd + 1) {
          emit(line, tagEnd + 1, end, cls.rule, cls.strength, out);
          continue;
        }
      }
      pend(line, cls, ctx);
    }
    ELEMENT_NAME.lastIndex = 0;
    while ((m = ELEMENT_NAME.exec(line)) !== null) {
      const cls = ctx.classifyKey(m[2]!);
      if (!cls) continue;
      if (!valueOnLine(line, m.index + m[0].length, cls.rule, cls.strength, out))
        pend(line, cls, ctx);
    }
    YAML_NAME.lastIndex = 0;
    while ((m = YAML_NAME.exec(line)) !== null) {
      const cls = ctx.classifyKey(m[1]!);
      if (!cls) continue;
      if (!valueOnLine(line, m.index + m[0].length, cls.rule, cls.strength, out))
        pend(line, cls, ctx);
    }
  },
};

function pend(line: string, cls: KeyClass, ctx: LineContext): void {
  // `- name: DB_USER` / `value: app`: a user name is not a secret on its own
  if (cls.strength !== 'strong' && cls.strength !== 'weak') return;
  ctx.state.pendingValue = {
    rule: cls.rule,
    linesLeft: 3,
    indent: line.length - line.trimStart().length,
  };
}

const VALUE_ELEMENT = /<value>([^<]*)<\/value>/i;
const VALUE_KEY = /(?:^|[\s{,])["']?value["']?[ \t]*[:=][ \t]*/i;

/** A `<value>x</value>` or `value: x` on this line after `from`: report it. */
function valueOnLine(
  line: string,
  from: number,
  rule: string,
  strength: KeyStrength,
  out: SpanSink,
): boolean {
  const rest = line.slice(from);
  const el = VALUE_ELEMENT.exec(rest);
  if (el) {
    const start = from + el.index + el[0].indexOf('>') + 1;
    emit(line, start, start + el[1]!.length, rule, strength, out);
    return true;
  }
  const kv = VALUE_KEY.exec(rest);
  if (kv) {
    const p = from + kv.index + kv[0].length;
    const c = line[p];
    if (c === '"' || c === "'") {
      const qv = quotedValue(line, p);
      if (qv) emit(line, qv.start, qv.end, rule, strength, out);
    } else emit(line, p, inlineValueEnd(line, p), rule, strength, out);
    return true;
  }
  return false;
}

function emit(
  line: string,
  start: number,
  end: number,
  rule: string,
  strength: KeyStrength,
  out: SpanSink,
): void {
  const v = line.slice(start, end);
  if (end <= start || isNonSecretValue(v)) return;
  if (strength === 'weak' && !isRandomLike(v)) return;
  // `name="user.360" value="481722"`: a user, a session number or a counter, not a secret;
  // a user entry is only secret as `user:password`, a session id only when it looks random
  if (strength === 'userpass') {
    const colon = v.indexOf(':');
    if (colon <= 0 || colon === v.length - 1 || /[ \t]/.test(v)) return;
    out.secret(start + colon + 1, end, rule);
    return;
  }
  if (strength === 'session' && (v.length < 8 || !/\d/.test(v) || !/[A-Za-z]/.test(v))) return;
  if (strength === 'cookie') return;
  if (!/password|psk|community/.test(rule) && /^\d{1,10}$/.test(v)) return;
  out.secret(start, end, rule);
}

/** Called for each line while a value is pending: the value line, or give up after a few lines. */
export function continuePendingValue(line: string, out: SpanSink, ctx: LineContext): void {
  const p = ctx.state.pendingValue!;
  const t = line.trimStart();
  // The mapping that named the secret ended: a shallower line, or the next `- ` item at its level
  // (`key: api-token` under secretKeyRef, then `- name: TOKEN_TTL` / `value: "3600"`).
  const indent = line.length - t.length;
  if (t.length > 0 && (indent < p.indent || (indent === p.indent && t.startsWith('- ')))) {
    ctx.state.pendingValue = undefined;
    return;
  }
  if (/^-?[ \t]*["']?(?:valueFrom|secretKeyRef)["']?[ \t]*:/.test(t)) {
    ctx.state.pendingValue = undefined;
    return;
  }
  if (valueOnLine(line, 0, p.rule, 'strong', out)) {
    ctx.state.pendingValue = undefined;
    return;
  }
  if (--p.linesLeft <= 0) ctx.state.pendingValue = undefined;
}
