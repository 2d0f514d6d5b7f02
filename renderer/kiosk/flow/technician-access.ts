import type { KioskShellStatus, TechnicianRefusal } from '../../../shared/formats/kiosk-bridge';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import type { MessageParams } from '../../ui/i18n/translate';

/**
 * Issue 8 §6, kiosk-lockdown §2 — what the technician's admin page shows, decided from what the shell says
 * (`status()` and the refusals of `requestTechnicianExit` / `requestRepairing`). Pure: the dialog only renders it.
 */
export interface Wording { key: MessageKey; params?: MessageParams }

/** One line of the diagnostics: its label, and its value as text from the shell or as words of the catalogue. */
export interface DiagnosticRow { label: MessageKey; value: { text: string } | Wording; code?: true }

export function diagnosticRows(status: KioskShellStatus): DiagnosticRow[] {
  const yesNo = (on: boolean): Wording => ({ key: on ? 'technician.yes' : 'technician.no' });
  const rows: DiagnosticRow[] = [
    { label: 'technician.shellVersion', value: { text: status.shellVersion } },
    { label: 'technician.station', value: { text: status.stationOrigin } },
    { label: 'technician.attestation', value: { key: status.attestation.active ? 'technician.attestationActive' : 'technician.attestationInactive' } },
  ];
  // The hashes only mean something when the shell signs with them (the station compares them with pairing's).
  if (status.attestation.active) {
    rows.push({ label: 'technician.buildHash', value: { text: status.attestation.buildHash }, code: true });
    rows.push({ label: 'technician.configHash', value: { text: status.attestation.configHash }, code: true });
  }
  rows.push({ label: 'technician.fullscreen', value: yesNo(status.fullscreen) });
  return rows;
}

/** A refusal in the page's words: the tries and minutes left from the shell's numbers; its French detail otherwise. */
export function refusalWording(refusal: TechnicianRefusal): Wording {
  switch (refusal.code) {
    case 'wrongAdminCode':
      return refusal.remainingAttempts === undefined ? { key: 'technician.wrongCode' } : { key: 'technician.wrongCodeTriesLeft', params: { remaining: refusal.remainingAttempts } };
    case 'technicianLocked':
      return refusal.lockedMinutes === undefined ? { key: 'technician.lockedNow' } : { key: 'technician.locked', params: { minutes: refusal.lockedMinutes } };
    case 'badRequest': return { key: 'technician.codeMissing' };
    case 'untrustedSender': return { key: 'technician.untrusted' };
    // The shell's own French sentence names the file and the reason (electron/kiosk/device-token-removal.ts).
    case 'deviceTokenNotRemoved': return { key: 'technician.tokenNotRemoved', params: { detail: refusal.message } };
    default: return { key: 'technician.refused', params: { detail: refusal.message } };
  }
}

/** The code as typed; empty (spaces only) is not sent: it is not a try of a code. */
export function adminCodeToSend(typed: string): string | null {
  return typed.trim() === '' ? null : typed;
}
