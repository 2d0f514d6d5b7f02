// @vitest-environment jsdom
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PairingAnswer, PairingBridge, PairingRequest, PairingSituation, StationCertificate } from '../../../shared/formats/kiosk-pairing-bridge';
import { mountPairingPage } from './pairing-page';

/**
 * Issue 8 §6 — the pairing page (pairing.html and its script) in jsdom, with a recording bridge: what it shows
 * for each mode, the fingerprint to compare, the problems next to their fields, the success. The decisions behind
 * the bridge are pairing.ts / pairing-flow.ts (tested against a real station).
 */
const HTML = fs.readFileSync(path.join(__dirname, 'pairing.html'), 'utf8');
const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function bridge(situation: PairingSituation, answers: { certificate: PairingAnswer<StationCertificate>; pair: PairingAnswer<{ relaunching: true }> }) {
  const sent: PairingRequest[] = [];
  const fake: PairingBridge = {
    situation: async () => situation,
    fetchCertificate: async () => answers.certificate,
    pair: async (request) => { sent.push(request); return answers.pair; },
  };
  return { fake, sent };
}

const FIRST: PairingSituation = { mode: 'first', stationUrl: null, kioskName: null, reason: null, configFile: '/etc/passation/kiosk.json' };
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const visible = (id: string) => !$(id).hidden;
const type = (id: string, text: string) => { $<HTMLInputElement>(id).value = text; };
const submit = (id: string) => $<HTMLFormElement>(id).dispatchEvent(new Event('submit', { cancelable: true }));

beforeEach(() => {
  document.documentElement.innerHTML = new DOMParser().parseFromString(HTML, 'text/html').documentElement.innerHTML;
  document.documentElement.lang = 'fr';
});

describe('the pairing page', () => {
  it('a first pairing: the admin code is chosen and typed twice; the certificate is read and shown to compare', async () => {
    const { fake, sent } = bridge(FIRST, { certificate: { ok: true, value: { stationUrl: 'https://192.168.1.10:8443/', fingerprint: FP } }, pair: { ok: true, value: { relaunching: true } } });
    await mountPairingPage(document, fake);
    expect($('config-file').textContent).toBe('/etc/passation/kiosk.json');
    expect(visible('pairing-form') || visible('certificate')).toBe(false);
    expect([...document.querySelectorAll<HTMLElement>('[data-mode="repair"]')].every((e) => e.hidden)).toBe(true);
    expect(document.querySelector<HTMLElement>('div[data-mode="first"]')!.hidden).toBe(false);
    type('stationAddress', '192.168.1.10:8443');
    submit('certificate-form');
    await flush();
    expect($('fingerprint').textContent).toBe(FP);
    expect(visible('certificate') && visible('pairing-form')).toBe(true);
    expect(document.activeElement).toBe($('confirmedFingerprint'));
    $<HTMLInputElement>('confirmedFingerprint').checked = true;
    type('code', '184838');
    type('kioskName', 'Salle B12 — poste 07');
    type('adminCode', 'technicien-2026');
    type('adminCodeRepeat', 'technicien-2026');
    submit('pairing-form');
    await flush();
    expect(sent).toEqual([{ stationAddress: '192.168.1.10:8443', confirmedFingerprint: FP, code: '184838', kioskName: 'Salle B12 — poste 07', adminCode: 'technicien-2026', adminCodeRepeat: 'technicien-2026' }]);
    expect($('status').textContent).toBe('Poste appairé. L’application redémarre sur la page d’examen…');
    expect($<HTMLButtonElement>('pair').disabled).toBe(true);
  });

  it('an unconfirmed fingerprint is sent as such; the problems show on their fields, focus on the first', async () => {
    const { fake, sent } = bridge(FIRST, {
      certificate: { ok: true, value: { stationUrl: 'https://s/', fingerprint: FP } },
      pair: { ok: false, errors: [{ field: 'confirmedFingerprint', message: 'cochez la case' }, { field: 'code', message: 'les 6 chiffres' }, { field: '(formulaire)', message: 'déjà en cours' }] },
    });
    await mountPairingPage(document, fake);
    submit('certificate-form');
    await flush();
    submit('pairing-form');
    await flush();
    expect(sent[0]!.confirmedFingerprint).toBe('');
    expect([$('confirmedFingerprint-error').textContent, $('code-error').textContent, $('form-error').textContent]).toEqual(['cochez la case', 'les 6 chiffres', 'déjà en cours']);
    expect($('code').getAttribute('aria-invalid')).toBe('true');
    expect($('code').getAttribute('aria-describedby')).toContain('code-error');
    expect(document.activeElement).toBe($('confirmedFingerprint'));
    expect($<HTMLButtonElement>('pair').disabled).toBe(false);
    expect($('status').textContent).toBe('Corrigez les champs signalés.');
  });

  it('a station that cannot be read: the address field says why, nothing else is shown', async () => {
    const { fake } = bridge(FIRST, { certificate: { ok: false, errors: [{ field: 'stationAddress', message: 'station injoignable (ECONNREFUSED)' }] }, pair: { ok: false, errors: [] } });
    await mountPairingPage(document, fake);
    submit('certificate-form');
    await flush();
    expect($('stationAddress-error').textContent).toBe('station injoignable (ECONNREFUSED)');
    expect(visible('certificate') || visible('pairing-form')).toBe(false);
    expect(document.activeElement).toBe($('stationAddress'));
  });

  it('a re-pairing: why, prefilled, the existing admin code asked once', async () => {
    const { fake, sent } = bridge({ mode: 'repair', stationUrl: 'https://192.168.1.10:8443/', kioskName: 'Poste 07', reason: 'jeton de poste absent ou illisible (/etc/passation/device-token)', configFile: '/etc/passation/kiosk.json' },
      { certificate: { ok: true, value: { stationUrl: 'https://192.168.1.10:8443/', fingerprint: FP } }, pair: { ok: true, value: { relaunching: true } } });
    await mountPairingPage(document, fake);
    expect($('reason').textContent).toBe('Ce poste doit être appairé de nouveau : jeton de poste absent ou illisible (/etc/passation/device-token).');
    expect([$<HTMLInputElement>('stationAddress').value, $<HTMLInputElement>('kioskName').value]).toEqual(['https://192.168.1.10:8443/', 'Poste 07']);
    expect(document.querySelector<HTMLElement>('div[data-mode="first"]')!.hidden).toBe(true);
    const label = (mode: string) => document.querySelector<HTMLElement>(`label[for="adminCode"] [data-mode="${mode}"]`)!;
    expect([label('repair').hidden, label('first').hidden, label('repair').textContent]).toEqual([false, true, 'Code administrateur du poste']);
    submit('certificate-form');
    await flush();
    type('adminCode', 'code-du-technicien');
    type('adminCodeRepeat', 'ignoré');
    submit('pairing-form');
    await flush();
    expect(sent[0]!.adminCodeRepeat).toBe('');
  });

  it('every control has its label; axe finds nothing serious (jsdom: colour contrast is the browser’s)', async () => {
    const { fake } = bridge(FIRST, { certificate: { ok: true, value: { stationUrl: 'https://s/', fingerprint: FP } }, pair: { ok: true, value: { relaunching: true } } });
    await mountPairingPage(document, fake);
    submit('certificate-form');
    await flush();
    for (const input of document.querySelectorAll('input')) expect(document.querySelector(`label[for="${input.id}"]`), input.id).not.toBeNull();
    const results = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
