// Hardware: vendor, model, firmware, and whether this is a VM or container. In VMs and containers
// most DMI fields are empty; say so rather than leaving a reader to wonder.
import type { SystemSection } from '../types.js';

function blankToUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== '' && v !== null && v !== undefined && v !== '-'),
  ) as Partial<T>;
}

export const hardwareSection: SystemSection = {
  id: 'hardware',
  title: 'Hardware',
  timeoutMs: 30_000,
  async collect(ctx) {
    const [system, bios, baseboard, chassis] = await Promise.all([
      ctx.si.call('system'),
      ctx.si.call('bios'),
      ctx.si.call('baseboard'),
      ctx.si.call('chassis'),
    ]);
    const sys = blankToUndefined(system);
    if (!sys.manufacturer && !sys.serial)
      ctx.note('no DMI data (virtual machine, container, or dmidecode/sysfs not readable)');
    return {
      manufacturer: sys.manufacturer,
      model: sys.model,
      version: sys.version,
      serial: sys.serial,
      uuid: sys.uuid,
      virtual: system.virtual,
      virtualHost: system.virtualHost,
      bios: blankToUndefined(bios),
      baseboard: blankToUndefined(baseboard),
      chassis: blankToUndefined(chassis),
    };
  },
};
