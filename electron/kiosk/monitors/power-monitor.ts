import { shellEvent, type Step } from './shell-event';

/**
 * kiosk-lockdown §2 — battery low: on battery and at or under BATTERY_LOW_PERCENT, reported once per discharge;
 * re-armed when the charger is back or the level rises to BATTERY_REARM_PERCENT (no flapping around 20 %). An
 * unknown level (Electron gives none; the glue reads it where the OS says it) reports nothing.
 */
export const BATTERY_LOW_PERCENT = 20;
export const BATTERY_REARM_PERCENT = 25;

export interface PowerObservation { onBattery: boolean; levelPercent: number | null; atMs: number }
export interface PowerState { armed: boolean }
export const POWER_START: PowerState = { armed: true };

export function powerStep(state: PowerState, o: PowerObservation): Step<PowerState> {
  if (!o.onBattery || (o.levelPercent !== null && o.levelPercent >= BATTERY_REARM_PERCENT)) return { state: { armed: true }, events: [] };
  if (o.levelPercent === null || o.levelPercent > BATTERY_LOW_PERCENT || !state.armed) return { state, events: [] };
  return {
    state: { armed: false },
    events: [shellEvent('batteryLow', `batterie faible (${Math.round(o.levelPercent)} %) : brancher le chargeur`, o.atMs, { levelPercent: Math.round(o.levelPercent) })],
  };
}
