/** The console's navigation words (French; the English file has exactly these keys). */
export const navigationFr = {
  'nav.invigilator': 'Pages du surveillant',
  'nav.board': 'Surveillance',
  'nav.finalisation': 'Finalisation',
  'nav.signing': 'Signature et envoi',
  'nav.results': 'Résultats',
  'nav.manager': 'Pages du responsable du centre',
  'nav.managerLink': 'Espace du responsable du centre',
  'nav.invigilatorLink': 'Console du surveillant',
  'nav.sessions': 'Sessions',
  'nav.packages': 'Paquets signés',
  'nav.centre': 'Centre et postes',
} as const satisfies Record<string, string>;

export type NavigationKey = keyof typeof navigationFr;
