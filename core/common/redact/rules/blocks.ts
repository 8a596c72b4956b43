// Multi-line secrets: PEM / OpenSSH / PGP private keys (also indented in YAML, also truncated),
// PuTTY key files, Kubernetes Secret `data:` / `stringData:` blocks and YAML block scalars under a
// secret key. The entry line is found by a rule; the following lines are handled here while the
// BlockState says a block is open, whatever the prefilter thinks of them.
import { decodeBase64Text, isNonSecretValue } from '../values.js';
import { trimmedEnd } from '../text-scan.js';
import type { LineContext, Rule, SpanSink } from '../types.js';
import { k8sDataCheck } from '../byte-checks.js';
import { classMask } from '../prefilter.js';

const PEM_BEGIN = /-{4,5}[ ]?BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?[ ]?-{4,5}/;
const PEM_END = /-{4,5}[ ]?END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?[ ]?-{4,5}/;
// Escaped newlines inside one line (JSON strings: "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END...")
const ESCAPED_NL = /\\r?\\n/;
const BODY_LINE =
  /^([ \t]*(?:[|>]-?[ \t]*)?["']?)([A-Za-z0-9+/=]{1,200}|(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset):.*)(["',\\]*)$/;

export const pemRule: Rule = {
  id: 'private-key',
  triggers: ['private key', 'private-lines'],
  apply(line, out, ctx) {
    const b = PEM_BEGIN.exec(line);
    if (b) {
      const bodyStart = b.index + b[0].length;
      const end = PEM_END.exec(line.slice(bodyStart));
      if (end || ESCAPED_NL.test(line.slice(bodyStart, bodyStart + 4))) {
        // The whole key is on this line (escaped newlines) or BEGIN/END share the line.
        let s = bodyStart;
        const nl = /^\\r?\\n/.exec(line.slice(s));
        if (nl) s += nl[0].length;
        let e = end ? bodyStart + end.index : line.length;
        if (!end) {
          const q = line.indexOf('"', s);
          e = q === -1 ? trimmedEnd(line) : q;
        }
        const tail = /\\r?\\n$/.exec(line.slice(s, e));
        if (tail) e -= tail[0].length;
        if (e > s) out.secret(s, e, 'private-key');
        return;
      }
      ctx.state.pem = { kind: 'pem' };
      return;
    }
    const putty = /^Private-Lines:[ \t]*(\d{1,4})[ \t]*$/.exec(line.trim());
    if (putty) ctx.state.pem = { kind: 'putty', linesLeft: Number(putty[1]) };
  },
};

/** A line inside an open private-key block; false when the block turned out truncated. */
export function continuePem(line: string, out: SpanSink, ctx: LineContext): boolean {
  const st = ctx.state.pem!;
  if (st.kind === 'putty') {
    const t = line.trim();
    if (t.length > 0) out.secret(line.indexOf(t), line.indexOf(t) + t.length, 'private-key');
    if (--st.linesLeft! <= 0) ctx.state.pem = undefined;
    return true;
  }
  const end = PEM_END.exec(line);
  if (end) {
    const before = line.slice(0, end.index);
    const m = /^([ \t]*["']?)([A-Za-z0-9+/=]+)/.exec(before);
    if (m && m[2]!.length > 0) out.secret(m[1]!.length, m[1]!.length + m[2]!.length, 'private-key');
    ctx.state.pem = undefined;
    return true;
  }
  const text = line.slice(0, trimmedEnd(line));
  if (text.trim() === '') return true;
  const m = BODY_LINE.exec(text);
  if (!m) {
    // Not key material: the block was truncated. Stop and let the line be handled normally.
    ctx.state.pem = undefined;
    return false;
  }
  out.secret(m[1]!.length, m[1]!.length + m[2]!.length, 'private-key');
  return true;
}

const K8S_BLOCK = /^([ \t]*)(?:-[ \t]+)?["']?(data|stringData)["']?[ \t]*:[ \t]*(\{)?[ \t]*$/;
const K8S_INLINE = /["'](data|stringData)["'][ \t]*:[ \t]*\{([^{}]*)\}/g;
const K8S_ENTRY = /^([ \t]*)["']?([\w.\-/]+)["']?[ \t]*:[ \t]*(["']?)(.*?)\3[ \t]*,?[ \t]*$/d;

export const k8sSecretRule: Rule = {
  id: 'k8s-secret-data',
  triggers: ['data'],
  triggerNext: classMask(' :'),
  check: k8sDataCheck,
  apply(line, out, ctx) {
    const b = K8S_BLOCK.exec(line);
    if (b) {
      ctx.state.k8s = { indent: b[1]!.length, stringData: b[2] === 'stringData' };
      return;
    }
    K8S_INLINE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = K8S_INLINE.exec(line)) !== null) {
      const body = m[2]!;
      const base = m.index + m[0].length - 1 - body.length;
      const pair = /["']([\w.\-/]+)["'][ \t]*:[ \t]*["']([^"']*)["']/g;
      let p: RegExpExecArray | null;
      while ((p = pair.exec(body)) !== null) {
        const v = p[2]!;
        const start = base + p.index + p[0].length - 1 - v.length;
        if (secretData(v, m[1] === 'stringData'))
          out.secret(start, start + v.length, 'k8s-secret-data');
      }
    }
  },
};

/** A line inside an open `data:` / `stringData:` block. */
export function continueK8s(line: string, out: SpanSink, ctx: LineContext): boolean {
  const st = ctx.state.k8s!;
  const text = line.slice(0, trimmedEnd(line));
  if (text.trim() === '') return true;
  const indent = text.length - text.trimStart().length;
  if (indent <= st.indent || /^[ \t]*[}\]]/.test(text)) {
    ctx.state.k8s = undefined;
    return false; // the block ended: this line is an ordinary line
  }
  st.childIndent ??= indent;
  if (indent !== st.childIndent) return true;
  const m = K8S_ENTRY.exec(text);
  if (!m) return true;
  const v = m[4]!;
  const start = m.indices![4]![0];
  if (v.length > 0 && secretData(v, st.stringData))
    out.secret(start, start + v.length, 'k8s-secret-data');
  return true;
}

function secretData(v: string, stringData: boolean): boolean {
  if (v === '|' || v === '>' || isNonSecretValue(v)) return false;
  if (stringData) return true;
  // `AUTH_MODE: oidc`, `ENV: prod` in a ConfigMap's data (kubectl prints `kind` after `data`):
  // one-case letters or digits alone are words, not base64 of anything.
  if (/^(?:[a-z]+|[A-Z]+|\d+)$/.test(v)) return false;
  return decodeBase64Text(v) !== undefined;
}

/** A line inside a YAML block scalar under a secret key (`password: |`). */
export function continueBlockScalar(line: string, out: SpanSink, ctx: LineContext): boolean {
  const st = ctx.state.blockScalar!;
  const text = line.slice(0, trimmedEnd(line));
  if (text.trim() === '') return true;
  const indent = text.length - text.trimStart().length;
  if (indent <= st.indent) {
    ctx.state.blockScalar = undefined;
    return false;
  }
  if (PEM_BEGIN.test(text)) ctx.state.pem = { kind: 'pem' };
  else if (!PEM_END.test(text)) out.secret(indent, text.length, st.rule);
  return true;
}
