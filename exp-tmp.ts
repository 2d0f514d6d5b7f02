import fs from 'node:fs';
import { attendanceSheet } from './electron/centre/reports/attendance-sheet';
import { incidentReport } from './electron/centre/reports/incident-report';
const NAMES = [['Lefèvre', 'Éloïse'], ['Παπαδόπουλος', 'Γιώργος'], ['Шевченко', 'Тарас'], ['כהן', 'דוד'], ['عبد الله', 'محمد'], ['Nguyễn', 'Thị Ánh'], ['Coffi-Guiffard', 'Ffion'], ['李', 'Ünal 🙂']];
const data: any = {
    session: { number: 4021, centre: 'Lycée Érable', siteAddress: '3 rue de l’Église', room: 'B204', date: '2026-03-14', startTime: '09:00', invigilatorName: 'Mme Hélène Côté', description: null },
    finalisedAt: '2026-03-14T10:42:00.000Z', finalisedBy: 'surveillant', globalComment: 'Coupure réseau à 9 h 10, officielle.',
    incidentDuringSession: true, joiningIssue: false, resultsSha256: 'ab'.repeat(32), timeZone: 'Europe/Paris',
    candidates: NAMES.map(([l, f], i) => ({ candidateId: i + 1, lastName: l, firstName: f, birthDate: '2010-06-30', present: true,
      test: { state: 'completed', startedAt: '2026-03-14T08:05:00.000Z', endedAt: '2026-03-14T09:31:00.000Z', abortReason: null, endScreenSeen: true } })),
    incidents: [],
};
(async () => {
  for (const [n, k] of [['sheet', attendanceSheet], ['pv', incidentReport]] as const) {
    fs.writeFileSync(`/tmp/fx/${n}-small.pdf`, (await k(data).render()).pdf);
    fs.writeFileSync(`/tmp/fx/${n}-whole.pdf`, (await k(data).render({ wholeFonts: true })).pdf);
  }
})();
