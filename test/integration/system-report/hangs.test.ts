// A section whose source of facts hangs: it fails at its own timeout with the reason, what it
// started is killed with its process group, and every other section is still collected.
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { identitySession } from '../../../core/node/redact/identity.js';
import { writeSystemReport } from '../../../core/node/system-report/write-report.js';
import { MemorySink } from '../../support/memory-sink.js';
import { tempDir } from '../../support/tmp.js';

/** PIDs whose command line contains `marker`. */
async function pidsWith(marker: string): Promise<number[]> {
  const out: number[] = [];
  for (const n of await readdir('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    const cmd = await readFile(`/proc/${n}/cmdline`, 'utf8').catch(() => '');
    if (cmd.split('\0').includes(marker)) out.push(Number(n));
  }
  return out;
}

describe('a section that hangs', () => {
  it('fails at its timeout, its command is killed, and the other sections are collected', async () => {
    const sink = new MemorySink();
    const marker = '600.4242';
    const r = await writeSystemReport(sink, identitySession(), {
      products: [
        { profile: 'hung', name: 'Hung Product', versionFrom: { argv: ['sleep', marker] } },
      ],
      timeouts: { product: 1500 },
    });
    const product = r.items.find((i) => i.id === 'system:product');
    expect(product).toMatchObject({ status: 'failed', reason: 'timed out after 1.5 s' });
    expect(product?.path).toBeUndefined();
    expect(sink.entries.has('system/product.json')).toBe(false);
    const others = r.items.filter((i) => i.id !== 'system:product');
    expect(others.length).toBeGreaterThan(10);
    for (const i of others) expect(i.status, `${i.id}: ${i.reason ?? ''}`).toBe('collected');
    expect(await pidsWith(marker)).toEqual([]);
    const outcome = r.sections.find((s) => s.id === 'product');
    expect(outcome).toMatchObject({ status: 'failed', reason: 'timed out after 1.5 s' });
  });

  it.runIf(!existsSync('/run/systemd/system') && existsSync('/etc/init.d'))(
    'an init script whose status hangs leaves the services listed with their state unknown',
    async () => {
      const dir = await tempDir();
      const bin = path.join(dir, 'bin');
      await mkdir(bin);
      const marker = '600.5151';
      // `service --status-all` that hangs the way a broken init script's `status` does.
      await writeFile(
        path.join(bin, 'service'),
        `#!/bin/sh\necho ' [ + ]  early-bird'\nexec sleep ${marker}\n`,
      );
      await chmod(path.join(bin, 'service'), 0o755);
      const sink = new MemorySink();
      const r = await writeSystemReport(sink, identitySession(), {
        env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
        only: ['services'],
        timeouts: { services: 2500 },
      });
      expect(r.items[0]).toMatchObject({ id: 'system:services', status: 'collected' });
      const svc = JSON.parse(sink.text('system/services.json')) as {
        services: Array<{ name: string; state: string }>;
        notes: string[];
      };
      expect(svc.notes.join(' ')).toMatch(
        /service --status-all timed out after 1\.\d s \(an init script's "status" hangs\?\)/,
      );
      expect(svc.services).toContainEqual({ name: 'early-bird', state: 'running' });
      for (const s of (await readdir('/etc/init.d')).filter(
        (n) => !['README', 'skeleton', 'rc', 'rcS'].includes(n),
      ))
        expect(svc.services).toContainEqual({ name: s, state: 'unknown' });
      expect(await pidsWith(marker)).toEqual([]);
    },
  );

  it('a systeminformation call that hangs holds up only its own section', async () => {
    const dir = await tempDir();
    const bin = path.join(dir, 'bin');
    await mkdir(bin);
    const marker = '600.6262';
    // dmidecode (hardware) and lsblk (file systems) that never answer, as on a host with a hung
    // SMBIOS read or a dead block device: both pooled workers end up held by a stuck call.
    for (const cmd of ['dmidecode', 'lsblk']) {
      await writeFile(path.join(bin, cmd), `#!/bin/sh\nexec sleep ${marker}\n`);
      await chmod(path.join(bin, cmd), 0o755);
    }
    const sink = new MemorySink();
    try {
      const r = await writeSystemReport(sink, identitySession(), {
        env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
        only: ['hardware', 'memory', 'filesystems', 'network'],
        // The others must finish well before the stuck ones time out.
        timeouts: { hardware: 15_000, filesystems: 15_000, memory: 10_000, network: 10_000 },
      });
      const status = Object.fromEntries(r.items.map((i) => [i.id, i.status]));
      expect(status, JSON.stringify(r.items)).toEqual({
        'system:hardware': 'failed',
        'system:memory': 'collected',
        'system:filesystems': 'failed',
        'system:network': 'collected',
      });
      for (const id of ['system:hardware', 'system:filesystems'])
        expect(r.items.find((i) => i.id === id)?.reason).toBe('timed out after 15 s');
      const net = JSON.parse(sink.text('system/network.json')) as { interfaces: unknown[] };
      expect(net.interfaces.length).toBeGreaterThan(0);
    } finally {
      // systeminformation's own children outlive its terminated worker.
      for (const pid of await pidsWith(marker)) process.kill(pid, 'SIGKILL');
    }
  });
});
