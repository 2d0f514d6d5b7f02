import { describe, expect, it } from 'vitest';
import { attachmentDecision, isPlainFileName } from './attachments';
import { MAX_RELOADS, RELOAD_WINDOW_MS, rendererGoneDecision } from './crash-policy';
import { isTrustedSender } from './ipc-sender';

const STATION = 'https://192.168.1.10:8443';
const CALC = { name: 'LibreOffice Calc', executable: '/usr/bin/localc', mediaTypes: ['application/vnd.oasis.opendocument.spreadsheet', 'text/csv'] };
const ODS = { url: `${STATION}/api/kiosk/assets/7`, fileName: 'ventes 2026.ods', mediaType: 'application/vnd.oasis.opendocument.spreadsheet', sha256: 'c'.repeat(64), entryToken: 'pe_entree-du-candidat' };

describe('isTrustedSender (IPC handlers check the sender)', () => {
  it.each([
    [{ frameUrl: `${STATION}/kiosk/`, isKioskMainFrame: true }, true],
    [{ frameUrl: `${STATION}/kiosk/`, isKioskMainFrame: false }, false],
    [{ frameUrl: 'https://embed.example/quiz', isKioskMainFrame: true }, false],
    [{ frameUrl: 'https://192.168.1.10:8443.evil.example/', isKioskMainFrame: true }, false],
    [{ frameUrl: null, isKioskMainFrame: true }, false],
  ])('%o → %s', (sender, expected) => {
    expect(isTrustedSender(sender, STATION)).toBe(expected);
  });
});

describe('attachmentDecision (kiosk-lockdown §2: permitted applications)', () => {
  it('plans a station file with the application listed for its media type', () => {
    expect(attachmentDecision(ODS, STATION, [CALC])).toEqual({ ok: true, value: { url: ODS.url, fileName: ODS.fileName, sha256: ODS.sha256, entryToken: ODS.entryToken, application: CALC } });
    expect(attachmentDecision({ ...ODS, mediaType: 'text/csv; charset=utf-8' }, STATION, [CALC]).ok).toBe(true);
  });
  it.each([
    [{ ...ODS, url: 'https://evil.example/x.ods' }, 'notFromStation'],
    [{ ...ODS, url: 'file:///etc/passwd' }, 'notFromStation'],
    [{ ...ODS, fileName: '../../.bashrc' }, 'badFileName'],
    [{ ...ODS, fileName: 'C:\\Windows\\x.ods' }, 'badFileName'],
    [{ ...ODS, fileName: 'CON.ods' }, 'badFileName'],
    [{ ...ODS, mediaType: 'application/x-msdownload' }, 'noPermittedApplication'],
    [{ ...ODS, sha256: 'nope' }, 'badRequest'],
    [{ ...ODS, entryToken: 'pe_x\nAuthorization: y' }, 'badRequest'],
    [{ ...ODS, program: '/bin/sh' }, 'badRequest'],
    ['not an object', 'badRequest'],
  ])('refuses %o (%s)', (request, code) => {
    const decision = attachmentDecision(request, STATION, [CALC]);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.error.code).toBe(code);
  });
  it('refuses everything when no application is permitted, in French', () => {
    expect(attachmentDecision(ODS, STATION, [])).toEqual({ ok: false, error: { code: 'noPermittedApplication', message: 'Aucune application autorisée sur ce poste pour ouvrir ce fichier (application/vnd.oasis.opendocument.spreadsheet) : appelez le surveillant.' } });
  });
  it('file names', () => {
    expect(['tableau.ods', 'Énoncé n°3.pdf', 'a'].every(isPlainFileName)).toBe(true);
    expect(['', '.hidden', 'a/b', 'a\u0000b', 'x.', 'nul', 'lpt1.txt', 'a'.repeat(256)].some(isPlainFileName)).toBe(false);
  });
});

describe('rendererGoneDecision (relaunch)', () => {
  it(`reloads the page up to ${MAX_RELOADS} times a minute, then relaunches the shell`, () => {
    let recent: number[] = [];
    const actions: string[] = [];
    for (const t of [0, 1000, 2000, 3000]) {
      const d = rendererGoneDecision(recent, t);
      actions.push(d.action);
      recent = d.recent;
    }
    expect(actions).toEqual(['reload', 'reload', 'reload', 'relaunch']);
    expect(rendererGoneDecision([0, 1000, 2000], 2000 + RELOAD_WINDOW_MS).action).toBe('reload');
  });
});

describe('isAllowedRequest (no remote content but the station)', () => {
  it.each([
    [`${STATION}/kiosk/assets/app.js`, true], ['wss://192.168.1.10:8443/api/kiosk/live', true], ['data:image/png;base64,AAAA', true],
    ['blob:https://192.168.1.10:8443/6c1e', true], ['https://cdn.example/lib.js', false], ['https://192.168.1.11:8443/', false],
    ['ws://192.168.1.10:8443/api/kiosk/live', false], ['file:///etc/passwd', false], ['chrome://gpu', false], ['devtools://devtools/x', false],
  ])('%s → %s', async (url, expected) => {
    const { isAllowedRequest } = await import('./request-filter');
    expect(isAllowedRequest(url, STATION)).toBe(expected);
  });
});
