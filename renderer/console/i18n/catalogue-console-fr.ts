/**
 * The console's own words, in French (issue 10 §1: its login, live board, candidate cards, incident form): apart
 * from renderer/ui/i18n/catalogue-fr.ts so that the kiosk's bundle does not carry them. `console/main.tsx` adds
 * them to the lookup (`addConsoleWords`); `MessageKey` includes their keys, so a console key stays typed.
 * `catalogue-console-en.ts` must have exactly these keys. Same syntax as the common catalogue.
 */
import { centreFr } from '../manager/centre/words-centre-fr';
import { sessionsFr } from '../manager/sessions/words-sessions-fr';
import { finalisationFr } from '../finalisation/words-finalisation-fr';
import { signingFr } from '../signing/words-signing-fr';
import { navigationFr } from './words-navigation-fr';

/** The login's, the board's and the incident form's words. */
const boardFr = {
  'console.title': 'Passation — console du surveillant',
  'console.loading': 'Chargement de la console…',
  'console.logout': 'Se déconnecter',
  'login.heading': 'Connexion du surveillant',
  'login.intro': 'Saisissez le numéro de la session et le mot de passe du surveillant que le responsable du centre vous a remis.',
  'login.sessionNumber': 'Numéro de session',
  'login.password': 'Mot de passe du surveillant',
  'login.passwordHint': 'Les majuscules et minuscules ne comptent pas.',
  'login.submit': 'Se connecter',
  'login.sending': 'Connexion…',
  'login.errorsTitle': 'Corrigez ce qui est indiqué :',
  'login.sessionNumberMissing': 'Indiquez le numéro de session.',
  'login.sessionNumberInvalid': 'Le numéro de session s’écrit en chiffres (par exemple 12).',
  'login.passwordMissing': 'Indiquez le mot de passe du surveillant.',
  'login.wrongPassword': 'Numéro de session ou mot de passe incorrect : vérifiez les deux.',
  'login.unreachable': 'Le poste du surveillant ne répond pas : réessayez dans un instant.',
  'board.heading': 'Session n° {number}',
  'board.place': '{centre}, salle {room}',
  'board.loading': 'Chargement des candidats…',
  'board.counters': 'Compteurs de la session',
  'board.count.present': 'Présents',
  'board.count.inTest': 'En test',
  'board.count.finished': 'Terminés',
  'board.count.total': 'Inscrits',
  'board.search': 'Rechercher un candidat',
  'board.searchHint': 'Nom ou prénom ; les accents et les majuscules ne comptent pas.',
  'board.sound': 'Son des alertes',
  'board.needs': '{n, plural, one {# candidat attend votre action.} other {# candidats attendent votre action.}}',
  'board.noNeeds': 'Aucun candidat n’attend votre action.',
  'board.noMatch': 'Aucun autre candidat ne correspond à « {query} ».',
  'board.cards': 'Candidats',
  'board.stationUnreachable': 'Le poste du surveillant ne répond pas : les informations affichées peuvent être en retard. La console se reconnecte toute seule.',
  'board.actionUnreachable': 'Le poste du surveillant ne répond pas : l’action n’a pas été faite. Réessayez.',
  'board.state.notCheckedIn': 'Pas encore arrivé',
  'board.state.waitingForPresence': 'En attente de confirmation',
  'board.state.readyToStart': 'Présence confirmée, pas encore commencé',
  'board.state.inTest': 'En test',
  'board.state.question': 'Question {n} sur {total}',
  'board.state.suspended': 'Suspendu : {cause}',
  'board.state.waitingForResume': 'Reconnecté, attend l’autorisation de reprendre',
  'board.state.resumeExpired': 'Reconnecté plus de 24 h après le début : reprise impossible',
  'board.state.readyToResume': 'Reprise autorisée',
  'board.state.completed': 'Test terminé',
  'board.state.endedByInvigilator': 'Test arrêté par le surveillant',
  'board.state.endedDueToFinalisation': 'Test arrêté à la finalisation',
  'board.need.confirmPresence': 'Présence à confirmer',
  'board.need.authoriseResume': 'Reprise à autoriser',
  'board.need.liftSuspension': 'Suspension à lever',
  'board.need.resumeExpired': 'Test à terminer',
  'board.kiosk': 'Poste : {name}',
  'board.event.started': 'Début du test à {time}',
  'board.event.suspended': 'Suspendu à {time} : {cause}',
  'board.event.warning': 'Alerte à {time} : {cause}',
  'board.noEvent': 'Aucun événement',
  'board.theoreticalEnd': 'Fin théorique : {time}',
  'board.extraTime': 'Temps majoré : {percent} %',
  'board.busy': 'Envoi…',
  'board.action.confirmPresence': 'Confirmer la présence',
  'board.action.confirmPresenceOf': 'Confirmer la présence de {name}',
  'board.action.authoriseResume': 'Autoriser la reprise',
  'board.action.authoriseResumeOf': 'Autoriser la reprise de {name}',
  'board.action.endTest': 'Terminer le test',
  'board.action.endTestOf': 'Terminer le test de {name}',
  'board.action.extraTime': 'Temps majoré',
  'board.action.extraTimeOf': 'Temps majoré de {name}',
  'board.action.incident': 'Signaler un incident',
  'board.action.incidentOf': 'Signaler un incident pour {name}',
  'board.endTest.question': 'Terminer le test de {name} ? Son poste affichera la page de fin et n’enregistrera plus de réponse.',
  'board.endTest.confirm': 'Oui, terminer le test',
  'board.endTest.confirmOf': 'Oui, terminer le test de {name}',
  'board.cancel': 'Annuler',
  'board.extraTimeHeading': 'Temps majoré de {name}',
  'board.extraTimeField': 'Temps majoré (en %)',
  'board.extraTimeHint': 'De 0 à 999. S’applique aux questions chronométrées pas encore affichées et à la fin théorique.',
  'board.extraTimeInvalid': 'Indiquez un nombre entier de 0 à 999.',
  'board.extraTimeSave': 'Enregistrer le temps majoré',
  'board.checkInAlert': 'Alerte : {failures} connexions de candidats refusées depuis {time}. Vérifiez qu’aucun poste ne sert à deviner des codes, puis levez l’alerte.',
  'board.checkInAlertClear': 'Lever l’alerte des connexions refusées',
  'incident.heading': 'Signaler un incident pour {name}',
  'incident.category': 'Catégorie',
  'incident.choose': 'Choisissez une catégorie',
  'incident.groupCandidate': 'Le candidat ou la session',
  'incident.groupQuestion': 'Une question',
  'incident.question': 'Question concernée',
  'incident.questionHint': 'La question affichée sur le poste du candidat est proposée ; choisissez-en une autre si besoin.',
  'incident.questionOption': 'Question {position}',
  'incident.questionOptionCurrent': 'Question {position} (à l’écran)',
  'incident.questionOptionAnswered': 'Question {position} (répondue)',
  'incident.loadingQuestions': 'Chargement des questions du candidat…',
  'incident.description': 'Description (facultative)',
  'incident.submit': 'Enregistrer le signalement',
  'incident.categoryMissing': 'Choisissez une catégorie.',
  'incident.questionMissing': 'Choisissez la question concernée.',
  'incident.reported': 'Signalement enregistré pour {name}.',
  'incident.C1': 'Nom, prénom ou date de naissance à corriger',
  'incident.C2': 'Temps majoré modifié',
  'incident.C4': 'Problème de signature sur la feuille d’émargement',
  'incident.C6': 'Suspicion de fraude',
  'incident.C7': 'Problème technique qui n’empêche pas de continuer',
  'incident.C8': 'Problème lié au candidat qui n’empêche pas de continuer',
  'incident.E1': 'L’image ne s’affiche pas',
  'incident.E2': 'Le simulateur (application intégrée) ne fonctionne pas',
  'incident.E3': 'Le fichier à télécharger ne s’ouvre pas',
  'incident.E4': 'Le site à visiter est indisponible',
  'incident.E5': 'Le site à visiter est bloqué',
  'incident.E8': 'Temps majoré dépassé sur une question chronométrée',
  'incident.E9': 'Le logiciel à utiliser ne fonctionne pas',
  'incident.E10': 'Le candidat a quitté la page sans le vouloir (perte de focus)',
  'incident.E11': 'La plateforme a affiché une page d’erreur « oups »',
  'incident.E12': 'La question n’est pas accessible au candidat',
} as const satisfies Record<string, string>;

/**
 * Each area of the console keeps its words in a file of its own, beside its screens (French and English, the same
 * keys: the English part is typed by the French one); `catalogue.test.ts` checks that no two parts share a key.
 */
export const CONSOLE_FR_PARTS = {
  board: boardFr, navigation: navigationFr, sessions: sessionsFr, centre: centreFr, finalisation: finalisationFr, signing: signingFr,
} as const;

export const consoleFr = { ...boardFr, ...navigationFr, ...sessionsFr, ...centreFr, ...finalisationFr, ...signingFr };

export type ConsoleKey = keyof typeof consoleFr;
export type BoardKey = keyof typeof boardFr;
