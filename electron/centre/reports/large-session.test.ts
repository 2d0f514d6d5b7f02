import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, test } from 'vitest';
import { createAuthority, issueCentreCertificate } from '../pki/certificates';
import { pdfCheck } from '../testing/pdf-tools';
import { attendanceSheetPdf } from './attendance-sheet';
import { incidentReportPdf } from './incident-report';
import type { ReportData } from './report-data';
import { signPdf } from './sign-pdf';

// 40 candidates with the names rosters really hold (accents, apostrophes, compound and very long names,
// right-to-left scripts, characters the font lacks) and many long incidents: the tables go on over pages.
const check = pdfCheck();
afterAll(() => check.remove());

const NAMES = ['Lefèvre', "N'Diaye", 'D’Arc', 'De La Fontaine-Saint-Exupéry-Montmorency-Laval-Beauharnais-Wolfeschlegelstein', 'محمد', 'כהן', 'Ødegård', '李', 'Ünal 🙂', 'Œuvray', 'Çelik'];

function sessionData(count: number, incidents: number): ReportData {
  return {
    session: { number: 4021, centre: 'Lycée Érable — Académie de Créteil', siteAddress: '3 rue de l’Église, 94000 Créteil', room: 'B204', date: '2026-03-14', startTime: '09:00', invigilatorName: 'Mme Hélène Côté', description: null },
    finalisedAt: '2026-03-14T10:42:00.000Z', finalisedBy: 'surveillant', globalComment: 'Coupure réseau à 9 h 10.\n\nReprise à 9 h 20 : « tout va bien ».',
    incidentDuringSession: true, joiningIssue: false, resultsSha256: 'ab'.repeat(32), timeZone: 'Europe/Paris',
    candidates: Array.from({ length: count }, (_, i) => ({
      candidateId: i + 1, lastName: `${NAMES[i % NAMES.length]!}${i >= NAMES.length ? ` ${i}` : ''}`, firstName: i % 4 === 0 ? 'Éloïse-Marie-Thérèse' : 'Léo', birthDate: '2010-06-30',
      present: i % 9 !== 4,
      test: i % 9 === 4 ? null : { state: 'completed' as const, startedAt: '2026-03-14T08:05:00.000Z', endedAt: '2026-03-14T09:31:00.000Z', abortReason: null, endScreenSeen: i % 2 === 0 },
    })),
    incidents: Array.from({ length: incidents }, (_, i) => ({
      id: i + 1, candidateId: 2, candidateName: "N'Diaye Léo", category: 'E4' as const, categoryLabel: 'Le site à visiter est indisponible',
      questionNumber: i + 1, description: `incident ${i + 1} : ${'le site ne répond pas, '.repeat(i % 5 === 4 ? 120 : i * 3)}fin ${i + 1}`, createdAt: '2026-03-14T08:30:00.000Z',
    })),
  };
}

const pageCount = async (pdf: Uint8Array) => (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();

describe('40 candidates and long incidents', () => {
  const data = sessionData(40, 15);

  test('the attendance sheet goes on over pages, every candidate there, with the invigilator’s box at the end', async () => {
    const pdf = await attendanceSheetPdf(data);
    expect(await pageCount(pdf)).toBeGreaterThanOrEqual(2);
    const text = check.pdftotext(pdf, false);
    expect(text).toContain('Feuille d’émargement');
    for (const name of ['Lefèvre', "N'Diaye 12", 'D’Arc', 'Œuvray', 'Ødegård 17', 'Çelik 21']) expect(text).toContain(name);
    for (let n = 1; n <= 40; n += 1) expect(text).toMatch(new RegExp(`(^|\\n)${n}\\n`));
    expect(text).toContain('…'); // the very long name, truncated in its cell
    expect(text).toMatch(/page 2 \/ \d/);
    expect(text).toContain('Signature du surveillant');
  });

  test('the PV: every incident, a comment longer than a page continued on the next one, signed and valid', async () => {
    const pdf = await incidentReportPdf(data);
    const text = check.pdftotext(pdf, false).replace(/\s+/g, ' ');
    for (let n = 1; n <= 15; n += 1) expect(text).toContain(`fin ${n}`);
    expect(text).toContain('(suite)');
    expect(await pageCount(pdf)).toBeGreaterThanOrEqual(3);
    const authority = createAuthority({ commonName: 'Autorité de test', validDays: 3650 });
    const centre = issueCentreCertificate(authority, { centreName: 'Lycée Érable', centreId: '0123456A', validDays: 365 });
    const signed = await signPdf(pdf, { certificate: centre.certPem, key: centre.keyPem, signingTime: new Date(data.finalisedAt), reason: 'PV d’incident (session n° 4021)', location: 'Créteil' });
    expect(check.pdfsig(signed).out).toContain('Signature is Valid.');
    console.log(`40 candidates, 15 long incidents: PV of ${await pageCount(pdf)} pages, ${(signed.length / 1024).toFixed(1)} KB signed`);
    expect(signed.length).toBeLessThan(160 * 1024);
  });

  test('property: any typed names and comments give a PDF (no throw), the same bytes twice', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 150 }), fc.string({ unit: 'grapheme', maxLength: 400 }), async (name, comment) => {
      const odd = sessionData(3, 1);
      odd.candidates[1]!.lastName = name;
      odd.incidents[0]!.description = comment;
      odd.incidents[0]!.candidateName = name;
      odd.globalComment = comment;
      const [a, b] = [await attendanceSheetPdf(odd), await incidentReportPdf(odd)];
      expect(Buffer.from(await attendanceSheetPdf(odd)).equals(Buffer.from(a))).toBe(true);
      expect(b.length).toBeGreaterThan(1000);
    }), { numRuns: 5 });
  }, 60_000);
});
