import { shellEvent, type ObservedEvent } from './shell-event';

/**
 * kiosk-lockdown §2 — "suspected virtual machine": heuristics, so the centre only warns (its policy). Evidence:
 * the firmware's vendor and product strings (Linux `/sys/class/dmi/id/*`, Windows `Win32_ComputerSystem`), the
 * CPU model, and the MAC prefixes (OUI) the hypervisors assign to their virtual NICs. A host that RUNS virtual
 * machines has such adapters too (Hyper-V's `vEthernet`, `virbr0`, `vboxnet0`, `vmnet8`, Docker, WSL): those
 * names are ignored, so a teacher's PC with VirtualBox installed is not flagged.
 */
export const VM_VENDOR_PATTERNS: readonly { pattern: RegExp; hypervisor: string }[] = [
  { pattern: /vmware/i, hypervisor: 'VMware' },
  { pattern: /virtualbox|innotek/i, hypervisor: 'VirtualBox' },
  { pattern: /\bqemu\b|\bkvm\b|bochs/i, hypervisor: 'QEMU/KVM' },
  { pattern: /\bxen\b|hvm domu/i, hypervisor: 'Xen' },
  { pattern: /parallels/i, hypervisor: 'Parallels' },
  { pattern: /virtual machine|hyper-v/i, hypervisor: 'Hyper-V' },
  { pattern: /amazon ec2|google compute engine/i, hypervisor: 'cloud' },
];

export const VM_MAC_PREFIXES: readonly { prefix: string; hypervisor: string }[] = [
  { prefix: '00:05:69', hypervisor: 'VMware' }, { prefix: '00:0c:29', hypervisor: 'VMware' },
  { prefix: '00:1c:14', hypervisor: 'VMware' }, { prefix: '00:50:56', hypervisor: 'VMware' },
  { prefix: '08:00:27', hypervisor: 'VirtualBox' }, { prefix: '52:54:00', hypervisor: 'QEMU/KVM' },
  { prefix: '00:16:3e', hypervisor: 'Xen' }, { prefix: '00:15:5d', hypervisor: 'Hyper-V' },
  { prefix: '00:1c:42', hypervisor: 'Parallels' },
];

/** Adapters a virtualisation HOST creates: their MACs say nothing about this machine being a guest. */
export const HOST_ADAPTER_NAMES = /^(vEthernet|virbr|vboxnet|vmnet|docker|br-|veth|VirtualBox Host-Only|VMware Network Adapter)/i;

export interface MachineObservation {
  hardwareStrings: readonly string[];
  cpuModel: string;
  interfaces: readonly { name: string; mac: string; internal: boolean }[];
}

/** Each piece of evidence, in French; none means no suspicion. */
export function virtualMachineEvidence(o: MachineObservation): string[] {
  const evidence: string[] = [];
  for (const text of [...o.hardwareStrings, o.cpuModel]) {
    const hit = VM_VENDOR_PATTERNS.find((v) => v.pattern.test(text));
    if (hit) evidence.push(`matériel « ${text.trim()} » (${hit.hypervisor})`);
  }
  for (const nic of o.interfaces) {
    if (nic.internal || HOST_ADAPTER_NAMES.test(nic.name)) continue;
    const mac = nic.mac.toLowerCase().replaceAll('-', ':');
    const hit = VM_MAC_PREFIXES.find((v) => mac.startsWith(v.prefix));
    if (hit) evidence.push(`carte réseau ${nic.name} ${mac} (${hit.hypervisor})`);
  }
  return [...new Set(evidence)];
}

export function virtualMachineEvents(o: MachineObservation, atMs: number): ObservedEvent[] {
  const evidence = virtualMachineEvidence(o);
  if (evidence.length === 0) return [];
  return [shellEvent('virtualMachineSuspected', `machine virtuelle soupçonnée : ${evidence.slice(0, 3).join(' ; ')}`.slice(0, 200), atMs, { evidenceCount: evidence.length })];
}
