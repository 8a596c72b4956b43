// Every system report section, in the order report.html shows them.
import type { SystemSection } from '../types.js';
import { cpuSection } from './cpu.js';
import { environmentSection } from './environment.js';
import { filesystemsSection } from './filesystems.js';
import { hardwareSection } from './hardware.js';
import { javaSection } from './java.js';
import { limitsSection } from './limits.js';
import { memorySection } from './memory.js';
import { networkSection } from './network.js';
import { osSection } from './os.js';
import { processesSection } from './processes.js';
import { productSection } from './product.js';
import { servicesSection } from './services.js';
import { timeSection } from './time.js';
import { uptimeSection } from './uptime.js';

export const SECTIONS: readonly SystemSection[] = [
  productSection,
  osSection,
  hardwareSection,
  cpuSection,
  memorySection,
  filesystemsSection,
  networkSection,
  processesSection,
  servicesSection,
  uptimeSection,
  timeSection,
  limitsSection,
  environmentSection,
  javaSection,
];

export const SECTION_IDS: readonly string[] = SECTIONS.map((s) => s.id);
