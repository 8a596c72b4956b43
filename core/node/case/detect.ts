// Values casepack fills into a case by itself (the user can edit them): the platform and Java
// version from the same system report sections a bundle holds (so the case and the report agree),
// the product and version from the profiles' `product.versionFrom`, the time zone from the host.
// Nothing here is fatal: what cannot be detected stays empty, with a note.
import type { Readable } from 'node:stream';
import type { EntrySink } from '../bundle/types.js';
import { identitySession } from '../redact/identity.js';
import type { ProductSpec } from '../system-report/types.js';
import { writeSystemReport } from '../system-report/write-report.js';

export interface DetectedPlatform {
  os?: string;
  version?: string;
  architecture?: string;
  javaVersion?: string;
}

export interface Detected {
  platform: DetectedPlatform;
  product?: { name?: string; version?: string };
  timeZone?: string;
  notes: string[];
}

/** The sections write entries; here only their data is wanted. */
const discard: EntrySink = {
  async addEntry(name, source) {
    for await (const _ of source as Readable);
    return { name, size: 0, compressedSize: 0, crc32: 0, sha256: '' };
  },
  async addBuffer(name) {
    return { name, size: 0, compressedSize: 0, crc32: 0, sha256: '' };
  },
};

interface Runtime {
  home?: string;
  version?: string;
  foundVia?: string[];
}

/** The Java the product most likely runs on: a running JVM's, then JAVA_HOME's, then PATH's. */
function pickJava(runtimes: Runtime[]): Runtime | undefined {
  const via = (r: Runtime, re: RegExp) => r.foundVia?.some((v) => re.test(v)) ?? false;
  const withVersion = runtimes.filter((r) => r.version);
  return (
    withVersion.find((r) => via(r, /^running process/)) ??
    withVersion.find((r) => via(r, /^JAVA_HOME$/)) ??
    withVersion.find((r) => via(r, /^PATH$/)) ??
    withVersion[0]
  );
}

export async function detectCaseDefaults(
  opts: {
    products?: ProductSpec[];
    vars?: Record<string, string | undefined>;
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<Detected> {
  const notes: string[] = [];
  const only = ['os', 'java', ...(opts.products?.length ? ['product'] : [])];
  const r = await writeSystemReport(discard, identitySession(), {
    only,
    products: opts.products ?? [],
    vars: opts.vars ?? {},
    env: opts.env ?? process.env,
  });
  const data = (id: string) =>
    r.sections.find((s) => s.id === id && s.status === 'collected')?.data;
  for (const s of r.sections) if (s.status === 'failed') notes.push(`${s.title}: ${s.reason}`);

  const platform: DetectedPlatform = {};
  const os = data('os') as
    | {
        osRelease?: Record<string, string>;
        platform?: string;
        kernel?: string;
        architecture?: string;
      }
    | undefined;
  if (os) {
    platform.os = os.osRelease?.NAME ?? (os.platform === 'darwin' ? 'macOS' : os.platform);
    platform.version = os.osRelease?.VERSION_ID ?? os.kernel;
    platform.architecture = os.architecture;
  }
  const java = data('java') as { runtimes?: Runtime[] } | undefined;
  const jre = pickJava(java?.runtimes ?? []);
  if (jre?.version) platform.javaVersion = jre.version;
  else
    notes.push('Java version: no Java runtime found (JAVA_HOME, /usr/lib/jvm, PATH, running JVMs)');

  let product: Detected['product'];
  const products = (
    data('product') as { products?: Array<{ name: string; version?: string; error?: string }> }
  )?.products;
  const first = products?.find((p) => p.version) ?? products?.[0];
  if (first) {
    product = { name: first.name, ...(first.version ? { version: first.version } : {}) };
    if (!first.version && first.error) notes.push(`${first.name} version: ${first.error}`);
  }
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const [k, v] of Object.entries(platform))
    if (v === undefined) delete platform[k as keyof DetectedPlatform];
  return { platform, ...(product ? { product } : {}), ...(timeZone ? { timeZone } : {}), notes };
}
