import { shellEvent, type Step } from './shell-event';

/**
 * kiosk-lockdown §2 — shell integrity: the shell's own files or its config changed while it runs (the hashes the
 * attestation carries no longer describe what runs). Reported once per change of what is observed.
 */
export interface IntegrityObservation { buildHash: string; configHash: string; atMs: number }
export interface IntegrityState { expected: { buildHash: string; configHash: string }; lastReported: string | null }

export function integrityStep(state: IntegrityState, o: IntegrityObservation): Step<IntegrityState> {
  const changed = [
    ...(o.buildHash !== state.expected.buildHash ? ['fichiers du poste'] : []),
    ...(o.configHash !== state.expected.configHash ? ['configuration du poste'] : []),
  ];
  const key = changed.length === 0 ? null : `${o.buildHash}/${o.configHash}`;
  if (key === null || key === state.lastReported) return { state: { ...state, lastReported: key }, events: [] };
  return {
    state: { ...state, lastReported: key },
    events: [shellEvent('shellIntegrity', `modifié pendant l’examen : ${changed.join(' et ')}`, o.atMs, { buildHash: o.buildHash.slice(0, 16), configHash: o.configHash.slice(0, 16) })],
  };
}
