import {
  PAIRING_BRIDGE_GLOBAL, type FieldProblem, type PairingBridge, type PairingRequest,
} from '../../../shared/formats/kiosk-pairing-bridge';

/**
 * Issue 8 §6 — the script of the shell's pairing page (pairing.html), bundled to `pairing-page.js`. It only
 * shows: every decision (the address, the certificate, the form's problems, the admin code) is the main process's
 * (pairing.ts, pairing-flow.ts), reached through the page's own preload (`window.passationPairing`). Problems are
 * shown next to their field (`aria-invalid`, `aria-describedby`), focus goes to the first one.
 */
const TEXT = {
  reading: 'Lecture du certificat du poste du surveillant…',
  read: 'Certificat lu : comparez son empreinte à celle du poste du surveillant.',
  pairing: 'Appairage en cours…',
  paired: 'Poste appairé. L’application redémarre sur la page d’examen…',
  fixFields: 'Corrigez les champs signalés.',
} as const;

const FIELDS = ['stationAddress', 'confirmedFingerprint', 'code', 'kioskName', 'adminCode', 'adminCodeRepeat'] as const;

export async function mountPairingPage(doc: Document, bridge: PairingBridge): Promise<void> {
  const byId = <T extends HTMLElement>(id: string) => {
    const element = doc.getElementById(id);
    if (!element) throw new Error(`pairing.html : élément #${id} absent`);
    return element as T;
  };
  const value = (id: string) => byId<HTMLInputElement>(id).value;
  const status = byId('status');
  const formError = byId('form-error');
  const certificateSection = byId('certificate');
  const pairingForm = byId<HTMLFormElement>('pairing-form');
  const confirmed = byId<HTMLInputElement>('confirmedFingerprint');
  let fingerprint = '';

  const situation = await bridge.situation();
  byId('config-file').textContent = situation.configFile;
  for (const element of doc.querySelectorAll<HTMLElement>('[data-mode]')) element.hidden = element.dataset.mode !== situation.mode;
  if (situation.reason !== null) {
    const reason = byId('reason');
    reason.textContent = `Ce poste doit être appairé de nouveau : ${situation.reason}.`;
    reason.hidden = false;
  }
  if (situation.stationUrl !== null) byId<HTMLInputElement>('stationAddress').value = situation.stationUrl;
  if (situation.kioskName !== null) byId<HTMLInputElement>('kioskName').value = situation.kioskName;

  const clearProblems = () => {
    formError.hidden = true;
    for (const field of FIELDS) {
      byId(`${field}-error`).hidden = true;
      byId(field).removeAttribute('aria-invalid');
    }
  };
  const showProblems = (problems: readonly FieldProblem[]) => {
    let first: HTMLElement | null = null;
    for (const problem of problems) {
      const known = (FIELDS as readonly string[]).includes(problem.field);
      const message = known ? byId(`${problem.field}-error`) : formError;
      message.textContent = message.hidden || !known ? problem.message : `${message.textContent} ; ${problem.message}`;
      message.hidden = false;
      if (known) {
        const input = byId(problem.field);
        input.setAttribute('aria-invalid', 'true');
        first ??= input;
      }
    }
    status.textContent = TEXT.fixFields;
    (first ?? formError).focus();
  };

  byId<HTMLFormElement>('certificate-form').addEventListener('submit', (event) => {
    event.preventDefault();
    clearProblems();
    status.textContent = TEXT.reading;
    void bridge.fetchCertificate({ stationAddress: value('stationAddress') }).then((answer) => {
      if (!answer.ok) {
        certificateSection.hidden = true;
        pairingForm.hidden = true;
        showProblems(answer.errors);
        return;
      }
      fingerprint = answer.value.fingerprint;
      byId('fingerprint').textContent = fingerprint;
      confirmed.checked = false;
      certificateSection.hidden = false;
      pairingForm.hidden = false;
      status.textContent = TEXT.read;
      confirmed.focus();
    });
  });

  pairingForm.addEventListener('submit', (event) => {
    event.preventDefault();
    clearProblems();
    const request: PairingRequest = {
      stationAddress: value('stationAddress'),
      confirmedFingerprint: confirmed.checked ? fingerprint : '',
      code: value('code'), kioskName: value('kioskName'), adminCode: value('adminCode'),
      adminCodeRepeat: situation.mode === 'first' ? value('adminCodeRepeat') : '',
    };
    const button = byId<HTMLButtonElement>('pair');
    button.disabled = true;
    status.textContent = TEXT.pairing;
    void bridge.pair(request).then((answer) => {
      if (answer.ok) {
        status.textContent = TEXT.paired;
        return;
      }
      button.disabled = false;
      showProblems(answer.errors);
    });
  });
}

const bridge = (globalThis as { [PAIRING_BRIDGE_GLOBAL]?: PairingBridge })[PAIRING_BRIDGE_GLOBAL];
if (bridge !== undefined && typeof document !== 'undefined') {
  document.addEventListener('DOMContentLoaded', () => { void mountPairingPage(document, bridge); });
}
