import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Answer } from '../../../shared/formats/challenge';
import { rightAnswerFor, wrongAnswerFor } from '../../../shared/testing/simulated-answer';
import { createAuthority, issueCentreCertificate } from '../pki/certificates';
import { createDeliveryStore } from '../records/delivery-store';
import { pdfCheck } from '../testing/pdf-tools';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';
import { testContentPackage } from '../testing/test-packages';
import { attendanceSheetPdf } from './attendance-sheet';
import { incidentReportPdf } from './incident-report';
import { sessionReportData, type ReportData, type ReportSources } from './report-data';
import { signPdf, type PdfSigner } from './sign-pdf';

// A real finalised session, driven through the real HTTP routes (as finalisation.test.ts), then its two PDFs,
// signed with a centre certificate and checked with poppler's pdfsig and pdftotext.
let h: Harness;
let sources: ReportSources;
const content = testContentPackage();
const challenge = (id: string) => content.challenges.find((c) => c.id === id)!;
const idOf = (lastName: string) => h.candidates.get(lastName)!.id;
const check = pdfCheck();

const authority = createAuthority({ commonName: 'Autorité de test', validDays: 3650 });
const centre = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
const signerFor = (data: ReportData, reason: string): PdfSigner => ({
  certificate: centre.certPem, key: centre.keyPem, chain: [authority.certPem], signingTime: new Date(data.finalisedAt),
  reason, location: `${data.session.centre}, ${data.session.siteAddress}`,
});

async function sit(lastName: string, answers: [string, Answer][]): Promise<void> {
  const kiosk = await h.pairKiosk(`Poste ${lastName}`);
  const { entry, test: started } = await enterTest(h, kiosk, lastName);
  expect(started.status).toBe(200);
  for (const [challengeId, answer] of answers) {
    const ack = await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, { challengeId, answer, clientAnswerId: challengeId, elapsedMs: 3000, timedOut: false, focusLost: false });
    expect(ack.status).toBe(200);
    h.t.advance(60_000);
  }
}

beforeAll(async () => {
  h = await startHarness();
  sources = { db: h.t.db, sessions: h.t.server.app.centre.sessions, store: createDeliveryStore(h.t.db) };
  await sit('Lefèvre', content.challenges.filter((c) => c.id !== 'ch_unused').map((c) => [c.id, rightAnswerFor(c)]));
  await sit('Bernard', [['ch_1', rightAnswerFor(challenge('ch_1'))], ['ch_2', wrongAnswerFor(challenge('ch_2'))], ['ch_3', rightAnswerFor(challenge('ch_3'))]]);
  await h.checkIn(await h.pairKiosk('Poste Garnier'), 'Garnier');
  await h.console('POST', `/candidates/${idOf('Garnier')}/confirm-presence`);
  expect((await h.console('POST', '/incidents', { candidateId: idOf('Bernard'), category: 'E4', questionNumber: 2, description: 'site indisponible : l’URL ne répond pas' })).status).toBe(201);
  expect((await h.console('POST', '/incidents', { candidateId: idOf('Lefèvre'), category: 'C8', description: 'malaise passager, reprise après 5 min' })).status).toBe(201);
});
afterAll(async () => {
  await h.close();
  check.remove();
});

describe('sessionReportData (R-FIN-3, R-INC-1)', () => {
  test('refused, in French, while the session is not finalised; unknown session: notFound', () => {
    const refused = sessionReportData(sources, h.sessionId);
    expect(refused).toMatchObject({ ok: false, error: { code: 'sessionNotFinalised', field: 'sessionId' } });
    expect(!refused.ok && refused.error.message).toContain('n’est pas finalisée');
    expect(sessionReportData(sources, 9999)).toMatchObject({ ok: false, error: { code: 'notFound' } });
  });

  test('after finalisation: session facts, every candidate in French order with times and « écran de fin vu », the incidents in plain French', async () => {
    h.t.advance(5 * 60_000);
    const finalised = await h.console('POST', '/finalisation', {
      globalComment: 'Coupure réseau à 9 h 10 ; reprise à 9 h 20.', incidentDuringSession: true, joiningIssue: true,
      candidates: [{ candidateId: idOf('Lefèvre'), endScreenSeen: true }, { candidateId: idOf('Bernard'), abortReason: 'technical' }],
    });
    expect(finalised.status).toBe(200);
    const result = sessionReportData(sources, h.sessionId);
    if (!result.ok) throw new Error(result.error.message);
    const data = result.value;
    expect(data.session).toMatchObject({ number: h.sessionNumber, centre: 'Lycée Érable', room: 'B12', date: '2026-03-14', startTime: '09:00', invigilatorName: 'M. Martin' });
    expect(data).toMatchObject({ globalComment: 'Coupure réseau à 9 h 10 ; reprise à 9 h 20.', incidentDuringSession: true, joiningIssue: true, finalisedAt: finalised.json.finalisedAt, resultsSha256: finalised.json.resultsSha256 });
    expect(data.candidates.map((c) => c.lastName)).toEqual(['Bernard', 'Dupont', 'Garnier', 'Lefèvre', 'Martin', 'Petit', 'Roux']);
    const byName = new Map(data.candidates.map((c) => [c.lastName, c]));
    expect(byName.get('Lefèvre')).toMatchObject({ firstName: 'Éloïse', present: true, test: { state: 'completed', endScreenSeen: true, abortReason: null } });
    expect(byName.get('Bernard')).toMatchObject({ present: true, test: { state: 'endedDueToFinalisation', endScreenSeen: false, abortReason: 'technical', endedAt: finalised.json.finalisedAt } });
    expect(byName.get('Garnier')).toMatchObject({ present: true, test: null });
    expect(byName.get('Roux')).toMatchObject({ present: false, test: null });
    expect(data.incidents).toEqual([
      expect.objectContaining({ candidateName: 'Bernard Léo', category: 'E4', categoryLabel: 'Le site à visiter est indisponible', questionNumber: 2, description: 'site indisponible : l’URL ne répond pas' }),
      expect.objectContaining({ candidateName: 'Lefèvre Éloïse', category: 'C8', categoryLabel: 'Problème non bloquant lié au candidat', questionNumber: null }),
    ]);
  });
});

describe('the two PDFs of the finalised session, signed (PAdES B), checked by poppler', () => {
  let data: ReportData;
  let sheet: Buffer;
  let report: Buffer;
  beforeAll(async () => {
    const result = sessionReportData(sources, h.sessionId);
    if (!result.ok) throw new Error(result.error.message);
    data = result.value;
    sheet = await signPdf(await attendanceSheetPdf(data), signerFor(data, `Feuille d’émargement de la session n° ${data.session.number}`));
    report = await signPdf(await incidentReportPdf(data), signerFor(data, `Procès-verbal d’incident de la session n° ${data.session.number}`));
  });

  test('pdfsig: each signature valid, ETSI.CAdES.detached, SHA-256, the whole document signed, the centre named', () => {
    for (const pdf of [sheet, report]) {
      const { out } = check.pdfsig(pdf);
      expect(out).toContain('Signature Validation: Signature is Valid.');
      expect(out).toContain('Signer Certificate Common Name: 0123456A');
      expect(out).toContain('Signer full Distinguished Name: CN=0123456A,O=Lycée Érable');
      expect(out).toContain('Signature Type: ETSI.CAdES.detached');
      expect(out).toContain('Signing Hash Algorithm: SHA-256');
      expect(out).toContain('Total document signed');
      expect(out.match(/Signature #/g)).toHaveLength(1);
    }
  });

  test('pdfsig: invalid after one flipped byte in the signed range', () => {
    for (const pdf of [sheet, report]) {
      const tampered = Buffer.from(pdf);
      const range = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(tampered.toString('latin1'))!.slice(1).map(Number);
      expect(range[0]).toBe(0);
      expect(range[2]! + range[3]!).toBe(tampered.length);
      // A byte in the middle of the first signed range (inside a stream: the file still parses).
      tampered[Math.floor(range[1]! / 2)]! ^= 0x01;
      const { out } = check.pdfsig(tampered);
      expect(out).toContain('Signature Validation:');
      expect(out).not.toContain('Signature is Valid.');
      expect(out).toContain('Signature Validation: Digest Mismatch.');
    }
  });

  test('pdftotext finds the French text: titles, names with accents, times, statements, incidents', () => {
    const sheetText = check.pdftotext(sheet);
    for (const text of ['Feuille d’émargement', 'Lycée Érable', 'Lefèvre', 'Éloïse', 'Bernard', 'Garnier', 'Présent', 'Absent',
      'Signature du surveillant', 'M. Martin', '7 inscrits, 3 présents, 4 absents']) expect(sheetText).toContain(text);
    // the header cell wraps over three lines: « Écran de / fin de / test vu »
    expect(sheetText).toMatch(/Écran de[\s\S]*fin de[\s\S]*test vu/);
    const reportText = check.pdftotext(report, false);
    for (const text of ['Procès-verbal d’incident', 'Coupure réseau à 9 h 10 ; reprise à 9 h 20.', 'Incident pendant la session', 'Problème de connexion',
      'Le site à visiter est indisponible', 'site indisponible : l’URL ne répond pas', 'Problème non bloquant lié au candidat',
      'Arrêté à la finalisation (problème technique)', 'Terminé par le candidat']) expect(reportText.replace(/\s+/g, ' ')).toContain(text);
  });

  test('each signed PDF is small: its fonts cut to its own text (report-document.ts)', () => {
    console.log(`session of ${data.candidates.length} candidates, signed: attendance sheet ${(sheet.length / 1024).toFixed(1)} KB, PV d’incident ${(report.length / 1024).toFixed(1)} KB`);
    // ≈ 0.3 MB each with the whole cut fonts; the signature's room alone takes 24 KB (sign-pdf.ts)
    for (const pdf of [sheet, report]) expect(pdf.length).toBeLessThan(80 * 1024);
  });

  test('the same data gives the same bytes, signed or not', async () => {
    const again = sessionReportData(sources, h.sessionId);
    if (!again.ok) throw new Error(again.error.message);
    expect(Buffer.from(await attendanceSheetPdf(again.value)).equals(Buffer.from(await attendanceSheetPdf(data)))).toBe(true);
    const resigned = await signPdf(await attendanceSheetPdf(again.value), signerFor(again.value, `Feuille d’émargement de la session n° ${data.session.number}`));
    expect(resigned.equals(sheet)).toBe(true);
    expect(Buffer.from(await incidentReportPdf(again.value)).equals(Buffer.from(await incidentReportPdf(data)))).toBe(true);
  });
});
