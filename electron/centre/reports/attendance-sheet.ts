import { frenchDate, frenchDateTime, frenchTime, yesNo } from './french-format';
import type { ReportCandidate, ReportData } from './report-data';
import { CONTENT_WIDTH, ReportWriter, type Column } from './report-document';

export const ATTENDANCE_SHEET_TITLE = 'Feuille d’émargement';

const COLUMNS: Column[] = [
  { title: 'N°', width: 20, align: 'center' },
  { title: 'Nom', width: 98, maxLines: 2 },
  { title: 'Prénom', width: 82, maxLines: 2 },
  { title: 'Né(e) le', width: 56, align: 'center' },
  { title: 'Présence', width: 50, align: 'center' },
  { title: 'Début', width: 36, align: 'center' },
  { title: 'Fin', width: 36, align: 'center' },
  { title: 'Écran de fin de test vu', width: 50, align: 'center' },
];
const SIGNATURE_COLUMN: Column = { title: 'Signature du candidat', width: CONTENT_WIDTH - COLUMNS.reduce((sum, c) => sum + c.width, 0) };
/** Tall enough to sign in. */
const ROW_HEIGHT = 30;

function row(candidate: ReportCandidate, index: number, timeZone: string): string[] {
  const test = candidate.test;
  return [
    String(index + 1),
    candidate.lastName,
    candidate.firstName,
    frenchDate(candidate.birthDate),
    candidate.present ? 'Présent' : 'Absent',
    frenchTime(test?.startedAt ?? null, timeZone),
    frenchTime(test?.endedAt ?? null, timeZone),
    test === null ? '—' : yesNo(test.endScreenSeen),
    '',
  ];
}

/** Common header lines of both PDFs: the session's facts in one line. */
export function sessionLine(data: ReportData): string {
  const s = data.session;
  return `Session n° ${s.number} — ${s.centre}, ${s.siteAddress} — salle ${s.room} — ${frenchDate(s.date)} à ${s.startTime.replace(':', ' h ')}`;
}

export function reportFooter(data: ReportData): string {
  return `Finalisée le ${frenchDateTime(data.finalisedAt, data.timeZone)} · résultats SHA-256 ${data.resultsSha256}`;
}

/**
 * R-FIN-3 — the attendance sheet (feuille d'émargement): every candidate of the session with presence, start and
 * end times, « écran de fin de test vu » and a box to sign; the invigilator's box at the end. A4, French, the
 * font embedded; pages added as needed. The same data gives the same bytes.
 */
export function attendanceSheetPdf(data: ReportData): Promise<Uint8Array> {
  return attendanceSheet(data).save();
}

/** The attendance sheet recorded, not drawn yet (`save` or `render` draws it; tests look at its fonts). */
export function attendanceSheet(data: ReportData): ReportWriter {
  const writer = new ReportWriter({
    title: `${ATTENDANCE_SHEET_TITLE} — session n° ${data.session.number}`,
    subtitle: sessionLine(data),
    footer: reportFooter(data),
    author: data.session.centre,
    date: new Date(data.finalisedAt),
  });
  const present = data.candidates.filter((c) => c.present).length;
  writer.facts([
    ['Surveillant', data.session.invigilatorName],
    ['Candidats', `${data.candidates.length} inscrits, ${present} présents, ${data.candidates.length - present} absents`],
    ['Horaires', `début à ${frenchTime(firstStart(data), data.timeZone)}, finalisation à ${frenchTime(data.finalisedAt, data.timeZone)} (heure de ${data.timeZone})`],
  ]);
  writer.gap(8);
  writer.table([...COLUMNS, SIGNATURE_COLUMN], data.candidates.map((c, i) => row(c, i, data.timeZone)), { minRowHeight: ROW_HEIGHT });
  writer.signatureBox('Signature du surveillant', data.session.invigilatorName);
  return writer;
}

function firstStart(data: ReportData): string | null {
  const starts = data.candidates.flatMap((c) => (c.test ? [c.test.startedAt] : [])).sort();
  return starts[0] ?? null;
}
