import { reportFooter, sessionLine } from './attendance-sheet';
import { frenchDate, frenchTime, yesNo } from './french-format';
import type { ReportData, ReportTest } from './report-data';
import { ReportWriter, type Column } from './report-document';

export const INCIDENT_REPORT_TITLE = 'Procès-verbal d’incident';

const INCIDENT_COLUMNS: Column[] = [
  { title: 'N°', width: 22, align: 'center' },
  { title: 'Heure', width: 34, align: 'center' },
  { title: 'Candidat', width: 100, maxLines: 3 },
  { title: 'Catégorie (R-INC-1)', width: 140 },
  { title: 'Question', width: 52, align: 'center' },
  { title: 'Commentaire', width: 167 },
];

const ENDED_COLUMNS: Column[] = [
  { title: 'Candidat', width: 160, maxLines: 2 },
  { title: 'Début', width: 40, align: 'center' },
  { title: 'Fin', width: 40, align: 'center' },
  { title: 'Fin du test', width: 170 },
  { title: 'Écran de fin de test vu', width: 105, align: 'center' },
];

// R-SESS-6, R-FIN-1 — how a test ended, in plain French.
const ENDINGS: Record<ReportTest['state'], string> = {
  completed: 'Terminé par le candidat',
  endedByInvigilator: 'Arrêté par le surveillant',
  endedDueToFinalisation: 'Arrêté à la finalisation',
};
const ABORT_REASONS = { candidate: 'abandon du candidat', technical: 'problème technique' } as const;

function ending(test: ReportTest): string {
  return test.abortReason === null ? ENDINGS[test.state] : `${ENDINGS[test.state]} (${ABORT_REASONS[test.abortReason]})`;
}

/**
 * R-FIN-3, R-INC-1 — the PV d'incident: the session's facts, the invigilator's statements (global comment,
 * « incident pendant la session », « problème de connexion »), every incident with its candidate, category in
 * plain French, question number and comment, and how each test ended. A4, French; pages added as needed.
 */
export function incidentReportPdf(data: ReportData): Promise<Uint8Array> {
  return incidentReport(data).save();
}

/** The PV recorded, not drawn yet (`save` or `render` draws it; tests look at its fonts). */
export function incidentReport(data: ReportData): ReportWriter {
  const s = data.session;
  const writer = new ReportWriter({
    title: `${INCIDENT_REPORT_TITLE} — session n° ${s.number}`,
    subtitle: sessionLine(data),
    footer: reportFooter(data),
    author: s.centre,
    date: new Date(data.finalisedAt),
  });
  writer.heading('La session');
  writer.facts([
    ['Numéro de session', String(s.number)],
    ['Centre', s.centre],
    ['Adresse', s.siteAddress],
    ['Salle', s.room],
    ['Date', frenchDate(s.date)],
    ['Heure de début prévue', s.startTime.replace(':', ' h ')],
    ['Finalisation', `à ${frenchTime(data.finalisedAt, data.timeZone)} (heure de ${data.timeZone})`],
    ['Surveillant', s.invigilatorName],
    ...(s.description ? [['Description', s.description] as [string, string]] : []),
    ['Incident pendant la session', yesNo(data.incidentDuringSession)],
    ['Problème de connexion', yesNo(data.joiningIssue)],
  ]);

  writer.heading('Commentaire du surveillant');
  writer.paragraph(data.globalComment.trim() === '' ? 'Aucun commentaire.' : data.globalComment);

  writer.heading(`Incidents signalés (${data.incidents.length})`);
  if (data.incidents.length === 0) {
    writer.paragraph('Aucun incident signalé.');
  } else {
    writer.table(INCIDENT_COLUMNS, data.incidents.map((i, index) => [
      String(index + 1),
      frenchTime(i.createdAt, data.timeZone),
      i.candidateName,
      `${i.category} · ${i.categoryLabel}`,
      i.questionNumber === null ? '—' : String(i.questionNumber),
      i.description.trim() === '' ? '—' : i.description,
    ]));
  }

  const tested = data.candidates.filter((c) => c.test !== null);
  writer.heading(`Fin des tests (${tested.length})`);
  if (tested.length === 0) {
    writer.paragraph('Aucun candidat n’a commencé de test.');
  } else {
    writer.table(ENDED_COLUMNS, tested.map((c) => [
      `${c.lastName} ${c.firstName}`,
      frenchTime(c.test!.startedAt, data.timeZone),
      frenchTime(c.test!.endedAt, data.timeZone),
      ending(c.test!),
      yesNo(c.test!.endScreenSeen),
    ]));
  }
  writer.signatureBox('Le surveillant (nom et signature)', s.invigilatorName);
  return writer;
}
