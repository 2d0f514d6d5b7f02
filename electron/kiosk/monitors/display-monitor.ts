import { shellEvent, type ObservedEvent } from './shell-event';

/**
 * kiosk-lockdown §2 — displays: a second one present at start, one added, removed or changed. "Changed" means
 * its size, position, scale or rotation: Electron's `display-metrics-changed` also fires when only the work
 * area moves (a task bar appearing), which is no risk and is not reported (a false alarm is as bad as a miss).
 */
export interface DisplayObservation {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  scaleFactor: number;
  rotation: number;
  internal: boolean;
}

const describe = (d: DisplayObservation) => `${d.bounds.width}×${d.bounds.height}${d.internal ? ' (intégré)' : ''}`;

export function displaysAtStart(displays: readonly DisplayObservation[], atMs: number): ObservedEvent[] {
  if (displays.length <= 1) return [];
  return [shellEvent('secondDisplayAtStart', `${displays.length} écrans branchés au démarrage`, atMs, { count: displays.length, displays: displays.map(describe).join(', ') })];
}

export function displayChanges(before: readonly DisplayObservation[], after: readonly DisplayObservation[], atMs: number): ObservedEvent[] {
  const events: ObservedEvent[] = [];
  const old = new Map(before.map((d) => [d.id, d]));
  const now = new Map(after.map((d) => [d.id, d]));
  for (const d of after) {
    const was = old.get(d.id);
    if (!was) {
      events.push(shellEvent('displayAdded', `écran ajouté (${describe(d)}) : ${after.length} écran(s)`, atMs, { displayId: d.id, count: after.length }));
    } else if (!sameGeometry(was, d)) {
      events.push(shellEvent('displayChanged', `écran modifié : ${describe(was)} → ${describe(d)}`, atMs, { displayId: d.id, scaleFactor: d.scaleFactor, rotation: d.rotation }));
    }
  }
  for (const d of before) {
    if (!now.has(d.id)) events.push(shellEvent('displayRemoved', `écran retiré (${describe(d)}) : ${after.length} écran(s)`, atMs, { displayId: d.id, count: after.length }));
  }
  return events;
}

function sameGeometry(a: DisplayObservation, b: DisplayObservation): boolean {
  return a.bounds.x === b.bounds.x && a.bounds.y === b.bounds.y && a.bounds.width === b.bounds.width
    && a.bounds.height === b.bounds.height && a.scaleFactor === b.scaleFactor && a.rotation === b.rotation;
}
