import { attendanceSheetPdf, ATTENDANCE_SHEET_TITLE } from '../reports/attendance-sheet';
import { incidentReportPdf, INCIDENT_REPORT_TITLE } from '../reports/incident-report';
import { sessionReportData, type ReportSources } from '../reports/report-data';
import { signPdf } from '../reports/sign-pdf';
import type { BundleExtras } from './sign-session';

/** The two PDFs' names in the bundle (docs/results-bundle.md). */
export const ATTENDANCE_SHEET_FILE = 'feuille-emargement.pdf';
export const INCIDENT_REPORT_FILE = 'pv-incident.pdf';
/** What LISEZMOI.txt says of each PDF (also what `passation verify` expects it to say). */
export const PDF_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [ATTENDANCE_SHEET_FILE]: `${ATTENDANCE_SHEET_TITLE}, signée par le centre (signature PDF)`,
  [INCIDENT_REPORT_FILE]: `${INCIDENT_REPORT_TITLE}, signé par le centre (signature PDF)`,
};

/** The /Reason of a bundle PDF's signature: names the document and the session (`passation verify` checks it). */
export function pdfSignatureReason(title: string, sessionNumber: number): string {
  return `${title} de la session n° ${sessionNumber}, certifiée par le centre`;
}

/** Each PDF's title, by file name. */
export const PDF_TITLES: Readonly<Record<string, string>> = { [ATTENDANCE_SHEET_FILE]: ATTENDANCE_SHEET_TITLE, [INCIDENT_REPORT_FILE]: INCIDENT_REPORT_TITLE };

/**
 * The results bundle's PDFs (architecture §2): the attendance sheet and the PV d'incident of the signed session,
 * each signed as a PDF signature (PAdES B) with the centre's key, at the finalisation's time, so that the bundle is
 * the same bytes each time it is built from the same session.
 */
export function sessionPdfs(sources: ReportSources): BundleExtras {
  return async ({ sessionId, signer }) => {
    const data = sessionReportData(sources, sessionId);
    // Signing runs on a finalised session only (sign-session.ts checks it first): a refusal here is a bug.
    if (!data.ok) throw new Error(`PDF de la session ${sessionId} : ${data.error.message}`);
    const session = data.value.session;
    const pdfSigner = (title: string) => ({
      certificate: signer.certPem, key: signer.keyPem, chain: signer.chainPems,
      signingTime: new Date(data.value.finalisedAt),
      reason: pdfSignatureReason(title, session.number),
      location: session.centre,
    });
    const [sheet, report] = await Promise.all([attendanceSheetPdf(data.value), incidentReportPdf(data.value)]);
    return [
      { name: ATTENDANCE_SHEET_FILE, bytes: Buffer.from(await signPdf(sheet, pdfSigner(ATTENDANCE_SHEET_TITLE))), description: PDF_DESCRIPTIONS[ATTENDANCE_SHEET_FILE]! },
      { name: INCIDENT_REPORT_FILE, bytes: Buffer.from(await signPdf(report, pdfSigner(INCIDENT_REPORT_TITLE))), description: PDF_DESCRIPTIONS[INCIDENT_REPORT_FILE]! },
    ];
  };
}
