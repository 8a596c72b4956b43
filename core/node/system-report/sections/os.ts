// OS and kernel: what L1 asks first ("which OS, which kernel?"). Read from os-release and the
// kernel directly; the FQDN comes from `hostname -f` with a timeout, because a broken resolver can
// make it hang (systeminformation's osInfo runs it synchronously, so it is not used here).
import os from 'node:os';
import { parseKeyValues, readSmall } from '../proc.js';
import type { SystemSection } from '../types.js';

async function containerKind(): Promise<string | undefined> {
  if ((await readSmall('/.dockerenv', 1)) !== undefined) return 'docker';
  if ((await readSmall('/run/.containerenv', 1)) !== undefined) return 'podman';
  const env1 = await readSmall('/proc/1/environ', 64 * 1024);
  const m = env1 ? /(?:^|\0)container=([^\0]+)/.exec(env1) : null;
  if (m?.[1]) return m[1];
  const cg = await readSmall('/proc/1/cgroup', 64 * 1024);
  if (cg && /docker|kubepods|containerd|lxc/.test(cg)) return 'container (from cgroup)';
  return undefined;
}

async function securityModules(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const selinux = await readSmall('/sys/fs/selinux/enforce', 16);
  out.selinux =
    selinux === undefined ? 'not present' : selinux.trim() === '1' ? 'enforcing' : 'permissive';
  const apparmor = await readSmall('/sys/module/apparmor/parameters/enabled', 16);
  out.apparmor =
    apparmor === undefined ? 'not present' : apparmor.trim() === 'Y' ? 'enabled' : 'disabled';
  return out;
}

export const osSection: SystemSection = {
  id: 'os',
  title: 'OS and kernel',
  timeoutMs: 20_000,
  async collect(ctx) {
    const rel = parseKeyValues(
      (await readSmall('/etc/os-release')) ?? (await readSmall('/usr/lib/os-release')) ?? '',
    );
    if (Object.keys(rel).length === 0 && os.platform() === 'linux')
      ctx.note('no /etc/os-release or /usr/lib/os-release: distribution unknown');
    let fqdn: string | undefined;
    if (os.platform() !== 'win32') {
      const r = await ctx.run(['hostname', '-f'], 2_000);
      if (r.exitCode === 0 && r.stdout.trim()) fqdn = r.stdout.trim().split('\n')[0];
      else
        ctx.note(
          `FQDN unknown: hostname -f ${r.timedOut ? 'timed out (slow resolver?)' : 'failed'}`,
        );
    }
    const debianVersion = await readSmall('/etc/debian_version', 256);
    const redhatRelease = await readSmall('/etc/redhat-release', 1024);
    return {
      hostname: os.hostname(),
      fqdn,
      platform: os.platform(),
      distribution: rel.PRETTY_NAME ?? rel.NAME,
      distributionId: rel.ID,
      distributionVersion: rel.VERSION_ID,
      codename: rel.VERSION_CODENAME,
      debianVersion: debianVersion?.trim(),
      redhatRelease: redhatRelease?.trim(),
      kernel: os.release(),
      kernelBuild: os.version(),
      architecture: os.machine(),
      container: await containerKind(),
      security: os.platform() === 'linux' ? await securityModules() : undefined,
      osRelease: rel,
    };
  },
};
