import fs from 'node:fs';
import os from 'node:os';
import { clipboard, net, powerMonitor, screen, type BrowserWindow, type Display } from 'electron';
import { displayChanges, displaysAtStart, type DisplayObservation } from './monitors/display-monitor';
import { FOCUS_START, focusStep, type FocusObservation } from './monitors/focus-monitor';
import { integrityStep, type IntegrityState } from './monitors/integrity-monitor';
import { NETWORK_START, networkStep } from './monitors/network-monitor';
import { POWER_START, powerStep } from './monitors/power-monitor';
import { remoteSessionEvents } from './monitors/remote-session';
import type { ObservedEvent } from './monitors/shell-event';
import { virtualMachineEvents } from './monitors/virtual-machine';

/**
 * The monitors' glue (kiosk-lockdown §2): Electron's and the OS's signals, handed to the pure steps in monitors/;
 * what they return goes to `report` (the event queue, then the page, then the station). Also the clipboard's
 * isolation: emptied at start and whenever the window loses or regains focus, so nothing enters or leaves.
 */
export interface MonitorOptions {
  window: BrowserWindow;
  report: (events: ObservedEvent[]) => void;
  /** While a permitted application shows an attachment, the window's blur is expected (recorded apart). */
  allowedApplicationOpen: () => boolean;
  /** The hashes the shell started with, and how to compute them again (re-reading the files). */
  integrity: { expected: IntegrityState['expected']; current: () => IntegrityState['expected'] };
  clock?: () => number;
}

export const NETWORK_POLL_MS = 1_000;
export const BATTERY_POLL_MS = 60_000;
export const INTEGRITY_POLL_MS = 30_000;

export function toObservation(d: Display): DisplayObservation {
  return { id: d.id, bounds: { ...d.bounds }, scaleFactor: d.scaleFactor, rotation: d.rotation, internal: d.internal };
}

export function setupMonitors({ window, report, allowedApplicationOpen, integrity, clock = Date.now }: MonitorOptions): () => void {
  clipboard.clear();
  let focus = FOCUS_START;
  const onFocus = (type: FocusObservation['type']) => () => {
    clipboard.clear();
    if (allowedApplicationOpen() && (type === 'blur' || type === 'focus')) return;
    const step = focusStep(focus, { type, atMs: clock() });
    focus = step.state;
    report(step.events);
  };
  window.on('blur', onFocus('blur'));
  window.on('focus', onFocus('focus'));
  for (const type of ['suspend', 'resume', 'lock-screen', 'unlock-screen'] as const) powerMonitor.on(type as 'suspend', onFocus(type));

  let displays = screen.getAllDisplays().map(toObservation);
  report(displaysAtStart(displays, clock()));
  const onDisplays = () => {
    const next = screen.getAllDisplays().map(toObservation);
    report(displayChanges(displays, next, clock()));
    displays = next;
  };
  screen.on('display-added', onDisplays);
  screen.on('display-removed', onDisplays);
  screen.on('display-metrics-changed', onDisplays);

  report(virtualMachineEvents({ hardwareStrings: hardwareStrings(), cpuModel: os.cpus()[0]?.model ?? '', interfaces: networkInterfaces() }, clock()));
  report(remoteSessionEvents({ platform: process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux', env: process.env, processNames: processNames() }, clock()));

  let network = NETWORK_START;
  const networkTimer = setInterval(() => {
    const step = networkStep(network, { online: net.isOnline(), atMs: clock() });
    network = step.state;
    report(step.events);
  }, NETWORK_POLL_MS);
  let power = POWER_START;
  const checkPower = () => {
    const step = powerStep(power, { onBattery: powerMonitor.isOnBatteryPower(), levelPercent: batteryLevel(), atMs: clock() });
    power = step.state;
    report(step.events);
  };
  powerMonitor.on('on-battery', checkPower);
  const powerTimer = setInterval(checkPower, BATTERY_POLL_MS);
  let integrityState: IntegrityState = { expected: integrity.expected, lastReported: null };
  const integrityTimer = setInterval(() => {
    const step = integrityStep(integrityState, { ...integrity.current(), atMs: clock() });
    integrityState = step.state;
    report(step.events);
  }, INTEGRITY_POLL_MS);
  return () => { clearInterval(networkTimer); clearInterval(powerTimer); clearInterval(integrityTimer); };
}

/** Firmware strings: Linux's DMI files (readable by all); elsewhere none (the OS layer's inventory covers it). */
function hardwareStrings(): string[] {
  if (process.platform !== 'linux') return [];
  return ['sys_vendor', 'product_name', 'board_vendor', 'bios_vendor'].flatMap((f) => {
    try { return [fs.readFileSync(`/sys/class/dmi/id/${f}`, 'utf8').trim()]; } catch { return []; }
  });
}

function networkInterfaces(): { name: string; mac: string; internal: boolean }[] {
  return Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) => (addresses ?? []).slice(0, 1).map((a) => ({ name, mac: a.mac, internal: a.internal })));
}

/** Running programs' names: Linux's /proc; elsewhere none (Windows' Assigned Access runs nothing else anyway). */
function processNames(): string[] {
  if (process.platform !== 'linux') return [];
  try {
    return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
      try { return [fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim()]; } catch { return []; }
    });
  } catch {
    return [];
  }
}

/** Battery level where the OS says it (Linux sysfs); null elsewhere. */
function batteryLevel(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const battery = fs.readdirSync('/sys/class/power_supply').find((d) => d.startsWith('BAT'));
    return battery ? Number(fs.readFileSync(`/sys/class/power_supply/${battery}/capacity`, 'utf8')) : null;
  } catch {
    return null;
  }
}
