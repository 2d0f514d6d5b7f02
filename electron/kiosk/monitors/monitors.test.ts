import { describe, expect, it } from 'vitest';
import { KioskEvent } from '../../../shared/formats/kiosk-api';
import { acknowledge, emptyQueue, enqueue, MAX_QUEUED } from '../event-queue';
import { displayChanges, displaysAtStart, type DisplayObservation } from './display-monitor';
import { FOCUS_START, focusStep, type FocusObservation } from './focus-monitor';
import { NETWORK_START, networkStep } from './network-monitor';
import { POWER_START, powerStep, type PowerObservation } from './power-monitor';
import { remoteSessionEvents, remoteSessionEvidence } from './remote-session';
import type { ObservedEvent, Step } from './shell-event';
import { virtualMachineEvents, virtualMachineEvidence } from './virtual-machine';

const T0 = Date.parse('2026-12-01T09:00:00.000Z');

/** Runs a monitor over observations; every event must pass the station's own schema (shared/formats/kiosk-api.ts). */
function run<S, O>(step: (s: S, o: O) => Step<S>, start: S, observations: O[]): ObservedEvent[] {
  let state = start;
  const events: ObservedEvent[] = [];
  for (const o of observations) {
    const next = step(state, o);
    state = next.state;
    events.push(...next.events);
  }
  for (const e of events) expect(KioskEvent.safeParse(e).success, JSON.stringify(e)).toBe(true);
  return events;
}
const brief = (events: ObservedEvent[]) => events.map((e) => [e.kind, e.at, e.details?.durationMs ?? null]);

describe('focus monitor', () => {
  it('one loss, one return with its duration; repeated losses count once', () => {
    const obs: FocusObservation[] = [
      { type: 'blur', atMs: T0 }, { type: 'lock-screen', atMs: T0 + 500 }, { type: 'unlock-screen', atMs: T0 + 4000 },
      { type: 'focus', atMs: T0 + 4100 }, { type: 'suspend', atMs: T0 + 10_000 }, { type: 'resume', atMs: T0 + 70_000 },
    ];
    const events = run(focusStep, FOCUS_START, obs);
    expect(brief(events)).toEqual([
      ['focusLost', '2026-12-01T09:00:00.000Z', null], ['focusRegained', '2026-12-01T09:00:04.000Z', 4000],
      ['focusLost', '2026-12-01T09:00:10.000Z', null], ['focusRegained', '2026-12-01T09:01:10.000Z', 60_000],
    ]);
    expect(events[2]!.cause).toBe('l’ordinateur s’est mis en veille');
    expect(events[0]!.details).toEqual({ source: 'shell', trigger: 'blur' });
  });
  it('a focus without a loss reports nothing', () => {
    expect(run(focusStep, FOCUS_START, [{ type: 'focus', atMs: T0 }])).toEqual([]);
  });
});

describe('display monitor', () => {
  const laptop: DisplayObservation = { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 }, scaleFactor: 1, rotation: 0, internal: true };
  const projector: DisplayObservation = { id: 7, bounds: { x: 1366, y: 0, width: 1920, height: 1080 }, scaleFactor: 1, rotation: 0, internal: false };

  it('a second display at start', () => {
    expect(displaysAtStart([laptop], T0)).toEqual([]);
    const [event] = displaysAtStart([laptop, projector], T0);
    expect(event).toMatchObject({ kind: 'secondDisplayAtStart', cause: '2 écrans branchés au démarrage', details: { count: 2, displays: '1366×768 (intégré), 1920×1080' } });
  });
  it('added, removed, changed (size, scale or rotation), each once', () => {
    expect(displayChanges([laptop], [laptop, projector], T0).map((e) => [e.kind, e.cause])).toEqual([['displayAdded', 'écran ajouté (1920×1080) : 2 écran(s)']]);
    expect(displayChanges([laptop, projector], [laptop], T0).map((e) => e.kind)).toEqual(['displayRemoved']);
    expect(displayChanges([laptop], [{ ...laptop, bounds: { ...laptop.bounds, width: 1024 } }], T0).map((e) => e.cause)).toEqual(['écran modifié : 1366×768 (intégré) → 1024×768 (intégré)']);
    expect(displayChanges([laptop], [{ ...laptop, scaleFactor: 2 }], T0).map((e) => e.kind)).toEqual(['displayChanged']);
    expect(displayChanges([laptop], [{ ...laptop, rotation: 90 }], T0).map((e) => e.kind)).toEqual(['displayChanged']);
  });
  it('nothing when only the work area moved (the same geometry): no false alarm', () => {
    expect(displayChanges([laptop, projector], [{ ...projector }, { ...laptop }], T0)).toEqual([]);
  });
});

describe('power monitor', () => {
  const at = (onBattery: boolean, levelPercent: number | null, s: number): PowerObservation => ({ onBattery, levelPercent, atMs: T0 + s * 1000 });
  it('reports a low battery once per discharge, re-armed by the charger or a rise to 25 %', () => {
    const events = run(powerStep, POWER_START, [
      at(true, 40, 0), at(true, 21, 1), at(true, 20, 2), at(true, 19, 3), at(true, 22, 4), at(true, 18, 5),
      at(false, 18, 6), at(true, 17, 7), at(true, 25, 8), at(true, 15, 9),
    ]);
    expect(events.map((e) => [e.kind, e.at, e.details?.levelPercent])).toEqual([
      ['batteryLow', '2026-12-01T09:00:02.000Z', 20], ['batteryLow', '2026-12-01T09:00:07.000Z', 17], ['batteryLow', '2026-12-01T09:00:09.000Z', 15],
    ]);
    expect(events[0]!.cause).toBe('batterie faible (20 %) : brancher le chargeur');
  });
  it('nothing on mains power or with an unknown level', () => {
    expect(run(powerStep, POWER_START, [at(false, 5, 0), at(true, null, 1)])).toEqual([]);
  });
});

describe('network monitor', () => {
  const at = (online: boolean, s: number) => ({ online, atMs: T0 + s * 1000 });
  it('a flap under 5 s is not reported; a longer loss is, from its start, then its restoration with the duration', () => {
    const events = run(networkStep, NETWORK_START, [at(false, 0), at(false, 4), at(true, 4.5), at(false, 10), at(false, 14), at(false, 15), at(false, 20), at(true, 40)]);
    expect(brief(events)).toEqual([['networkLost', '2026-12-01T09:00:10.000Z', null], ['networkRestored', '2026-12-01T09:00:40.000Z', 30_000]]);
    expect(events[0]!.details).toEqual({ source: 'shell', detectedAfterMs: 5000 });
  });
});

describe('virtual-machine heuristics', () => {
  const physical = { hardwareStrings: ['Dell Inc.', 'OptiPlex 7090'], cpuModel: 'Intel(R) Core(TM) i5-10500', interfaces: [{ name: 'eth0', mac: '3c:7c:3f:12:34:56', internal: false }] };
  it('a physical lab PC raises nothing, even with VirtualBox, Docker or Hyper-V host adapters', () => {
    expect(virtualMachineEvidence({ ...physical, interfaces: [...physical.interfaces,
      { name: 'vboxnet0', mac: '0a:00:27:00:00:00', internal: false }, { name: 'vEthernet (WSL)', mac: '00:15:5d:aa:bb:cc', internal: false },
      { name: 'virbr0', mac: '52:54:00:11:22:33', internal: false }, { name: 'lo', mac: '00:00:00:00:00:00', internal: true }] })).toEqual([]);
  });
  it.each([
    [{ ...physical, hardwareStrings: ['innotek GmbH', 'VirtualBox'] }, 'VirtualBox'],
    [{ ...physical, hardwareStrings: ['VMware, Inc.', 'VMware Virtual Platform'] }, 'VMware'],
    [{ ...physical, hardwareStrings: ['QEMU', 'Standard PC (Q35 + ICH9, 2009)'] }, 'QEMU/KVM'],
    [{ ...physical, hardwareStrings: ['Microsoft Corporation', 'Virtual Machine'] }, 'Hyper-V'],
    [{ ...physical, cpuModel: 'QEMU Virtual CPU version 2.5+' }, 'QEMU/KVM'],
    [{ ...physical, interfaces: [{ name: 'Ethernet', mac: '00-50-56-C0-00-08', internal: false }] }, 'VMware'],
    [{ ...physical, interfaces: [{ name: 'enp0s3', mac: '08:00:27:ab:cd:ef', internal: false }] }, 'VirtualBox'],
  ])('flags %o (%s)', (observation, hypervisor) => {
    const events = virtualMachineEvents(observation, T0);
    expect(events).toHaveLength(1);
    expect(events[0]!.kind).toBe('virtualMachineSuspected');
    expect(events[0]!.cause).toContain(hypervisor);
    expect(KioskEvent.safeParse(events[0]).success).toBe(true);
  });
});

describe('remote-session heuristics', () => {
  it('a local session raises nothing', () => {
    expect(remoteSessionEvidence({ platform: 'linux', env: { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' }, processNames: ['cage', 'systemd', 'passation-kiosk'] })).toEqual([]);
    expect(remoteSessionEvidence({ platform: 'win32', env: { SESSIONNAME: 'Console' }, processNames: ['explorer.exe'] })).toEqual([]);
  });
  it.each([
    [{ platform: 'win32' as const, env: { SESSIONNAME: 'RDP-Tcp#3' }, processNames: [] }, 'session Bureau à distance (RDP-Tcp#3)'],
    [{ platform: 'linux' as const, env: { SSH_CONNECTION: '10.0.0.5 5555 10.0.0.9 22', DISPLAY: ':0' }, processNames: [] }, 'lancé depuis une session SSH'],
    [{ platform: 'linux' as const, env: { DISPLAY: 'localhost:10.0' }, processNames: [] }, 'affichage X distant (DISPLAY=localhost:10.0)'],
    [{ platform: 'linux' as const, env: { XRDP_SESSION: '1' }, processNames: [] }, 'session XRDP'],
    [{ platform: 'win32' as const, env: {}, processNames: ['TeamViewer.exe'] }, 'logiciel de prise en main à distance : teamviewer'],
    [{ platform: 'linux' as const, env: { DISPLAY: ':0' }, processNames: ['x11vnc'] }, 'logiciel de prise en main à distance : x11vnc'],
  ])('flags %o', (observation, evidence) => {
    expect(remoteSessionEvidence(observation)).toContain(evidence);
    const [event] = remoteSessionEvents(observation, T0);
    expect(event?.kind).toBe('remoteSessionSuspected');
    expect(KioskEvent.safeParse(event).success).toBe(true);
  });
});

describe('event queue', () => {
  const e = (s: number) => focusStep(FOCUS_START, { type: 'blur', atMs: T0 + s }).events[0]!;
  it('gives each event a run-unique clientEventId the station accepts, and keeps it until acknowledged', () => {
    let { queue, added } = enqueue(emptyQueue('k7f3'), [e(0), e(1)]);
    expect(added.map((a) => a.clientEventId)).toEqual(['shell-k7f3-1', 'shell-k7f3-2']);
    for (const a of added) expect(KioskEvent.safeParse(a).success).toBe(true);
    ({ queue } = enqueue(queue, [e(2)]));
    queue = acknowledge(queue, ['shell-k7f3-1', 'shell-k7f3-3', 'unknown']);
    expect(queue.pending.map((p) => p.clientEventId)).toEqual(['shell-k7f3-2']);
  });
  it(`keeps the newest ${MAX_QUEUED} and counts the dropped`, () => {
    const { queue } = enqueue(emptyQueue('r'), Array.from({ length: MAX_QUEUED + 3 }, (_, i) => e(i)));
    expect(queue.pending).toHaveLength(MAX_QUEUED);
    expect(queue.dropped).toBe(3);
    expect(queue.pending[0]!.clientEventId).toBe('shell-r-4');
  });
});

describe('integrity monitor', async () => {
  const { integrityStep } = await import('./integrity-monitor');
  const expected = { buildHash: 'a'.repeat(64), configHash: 'b'.repeat(64) };
  it('reports a change of the config or the files once, and again if it changes once more', () => {
    const events = run(integrityStep, { expected, lastReported: null }, [
      { ...expected, atMs: T0 }, { ...expected, configHash: 'c'.repeat(64), atMs: T0 + 1 }, { ...expected, configHash: 'c'.repeat(64), atMs: T0 + 2 },
      { buildHash: 'd'.repeat(64), configHash: 'c'.repeat(64), atMs: T0 + 3 },
    ]);
    expect(events.map((e) => e.cause)).toEqual(['modifié pendant l’examen : configuration du poste', 'modifié pendant l’examen : fichiers du poste et configuration du poste']);
  });
});
