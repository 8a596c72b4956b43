// The product and version each profile declares (`product.versionFrom`): a file and a regex with a
// `version` group (or the first group), or a command whose output the regex is applied to. The
// command gets the rest of the section's time: a product command that hangs fails this section at
// its timeout, and nothing else.
import { CasepackError } from '../../../common/errors.js';
import { expandVars } from '../../../common/profile/vars.js';
import { missingVarsReason } from '../format.js';
import { describeEnd } from '../exec.js';
import { readSmall } from '../proc.js';
import type { ProductSpec, SectionContext, SystemSection } from '../types.js';

interface ProductFact {
  profile: string;
  name: string;
  version?: string;
  source?: string;
  error?: string;
}

export function matchVersion(text: string, pattern: string | undefined): string | undefined {
  if (!pattern) return text.trim().split('\n')[0]?.trim() || undefined;
  const m = new RegExp(pattern, 'm').exec(text);
  if (!m) return undefined;
  return (m.groups?.version ?? m[1] ?? m[0]).trim();
}

async function lookup(ctx: SectionContext, p: ProductSpec): Promise<ProductFact> {
  const vars = p.vars ?? ctx.vars;
  const fact: ProductFact = { profile: p.profile, name: p.name };
  const from = p.versionFrom;
  if (!from || (!from.file && !from.argv))
    return { ...fact, error: 'the profile gives no version source' };
  if (from.file) {
    const file = expandVars(from.file, vars);
    if (!file.ok) return { ...fact, error: missingVarsReason(file.missing) };
    fact.source = file.value;
    const text = await readSmall(file.value, 1024 * 1024);
    if (text === undefined) return { ...fact, error: `cannot read ${file.value}` };
    fact.version = matchVersion(text, from.pattern);
  } else if (from.argv) {
    const argv = from.argv.map((a) => expandVars(a, vars));
    const missing = argv.flatMap((a) => (a.ok ? [] : a.missing));
    if (missing.length) return { ...fact, error: missingVarsReason(missing) };
    const words = argv.map((a) => (a.ok ? a.value : ''));
    fact.source = words.join(' ');
    const r = await ctx.run(words);
    if (r.timedOut || ctx.signal.aborted)
      throw new CasepackError(
        'timeout',
        `${p.name} version: ${describeEnd(words, r, ctx.timeoutMs)}`,
      );
    if (r.exitCode !== 0) return { ...fact, error: describeEnd(words, r, ctx.timeoutMs) };
    fact.version = matchVersion(`${r.stdout}\n${r.stderr}`, from.pattern);
  }
  if (!fact.version) fact.error = `no version found in ${fact.source ?? 'the source'}`;
  return fact;
}

export const productSection: SystemSection = {
  id: 'product',
  title: 'Product and version',
  timeoutMs: 20_000,
  async collect(ctx) {
    if (ctx.products.length === 0) ctx.note('no profile in use declares a product');
    const products = await Promise.all(ctx.products.map((p) => lookup(ctx, p)));
    return { products };
  },
};
