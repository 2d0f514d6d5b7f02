import { z } from 'zod';
import {
  CandidateAnswer, CandidateList, InvigilatorLogin, InvigilatorLoginAnswer, InvigilatorPasswordAnswer,
  KioskList, LoginAnswer, ManagerLogin, ManagerPasswordChange, PackageImported,
  PackageList, PackageUpload, PairingCode, RosterImported, RosterQuery, SessionAnswer, SessionCreated, SessionList,
  SessionPackageChoice, SessionPackages,
} from './centre-api';
import {
  CandidateQuestions, CheckInAlertCleared, EventsQuery, ExtraTimeChange, FinalisationAnswer, FinalisationRequest, IncidentAnswer, IncidentInput,
  IncidentList, LiveCandidateAnswer, LiveSession, NoBody, ResultsScoring, SessionEvents, SessionKioskList,
} from './console-api';
import { ConsoleToServer, ServerToConsole } from './live-messages';
import { CandidateParams, KioskParams, SessionCandidateParams, SessionDocumentParams, SessionParams } from './route-params';
import { BINARY, defineRoute, NoContent, type RouteCaller } from './route-table';
import { KIOSK_LIVE_ROUTES, KIOSK_ROUTES } from './kiosk-routes';
import { CandidateInput, SessionInput } from './session';
import { OutboxState, PlatformSetting, PlatformSettingAnswer, StoredReceiptAnswer } from './sending';
import { PlatformPackageRequest } from './package-download';
import { PackageList as PlatformPackageList } from './platform-api';
import { CentreKeyAnswer, CentreKeyImport, CentreKeyInfo, ReceiptFileImport, SessionSignature, SessionSignRequest } from './signing';

export { HealthAnswer } from './kiosk-routes';

/**
 * The centre server's route table (docs/centre-api.md, docs/delivery-api.md): every HTTP route, declared once.
 * The server registers its routes from it (electron/centre/http/register-route.ts), the screens' client is typed
 * by it, and a test checks that the server registers exactly these routes and that docs/ documents each one.
 */

const CONSOLE = ['manager', 'invigilator'] as const;
const SESSION = '/api/console/sessions/:sessionId';
const CANDIDATE = `${SESSION}/candidates/:candidateId`;

export const ROUTES = {
  ...KIOSK_ROUTES,

  // ---- logins and kiosks (docs/centre-api.md) ----
  managerLogin: defineRoute({
    method: 'POST', path: '/api/manager/login', caller: 'public', body: ManagerLogin, response: LoginAnswer,
    summary: 'Connexion du responsable du centre.',
  }),
  managerLogout: defineRoute({
    method: 'POST', path: '/api/manager/logout', caller: 'manager', response: NoContent, status: 204,
    summary: 'Déconnexion du responsable.',
  }),
  managerPassword: defineRoute({
    method: 'POST', path: '/api/manager/password', caller: 'manager', body: ManagerPasswordChange, response: LoginAnswer,
    summary: 'Changement du mot de passe du responsable ; ses autres connexions sont fermées.',
  }),
  invigilatorLogin: defineRoute({
    method: 'POST', path: '/api/console/login', caller: 'public', body: InvigilatorLogin, response: InvigilatorLoginAnswer,
    summary: 'Connexion du surveillant (numéro de session et mot de passe de la session).',
  }),
  invigilatorLogout: defineRoute({
    method: 'POST', path: '/api/console/logout', caller: 'invigilator', response: NoContent, status: 204,
    summary: 'Déconnexion du surveillant.',
  }),
  invigilatorSession: defineRoute({
    method: 'GET', path: '/api/console/session', caller: 'invigilator', response: SessionAnswer,
    summary: 'La session du surveillant connecté.',
  }),
  pairingCode: defineRoute({
    method: 'POST', path: '/api/console/pairing-codes', caller: CONSOLE, response: PairingCode, status: 201,
    summary: 'Un code d’appairage à usage unique pour un poste candidat.',
  }),
  kiosks: defineRoute({
    method: 'GET', path: '/api/console/kiosks', caller: CONSOLE, response: KioskList,
    summary: 'Les postes candidats appairés (ceux de sa session pour un surveillant).',
  }),
  kioskRevoke: defineRoute({
    method: 'POST', path: '/api/console/kiosks/:kioskId/revoke', caller: 'manager', params: KioskParams, response: NoContent, status: 204,
    summary: 'Révoque un poste candidat (le responsable seul) ; ses connexions sont fermées.',
  }),

  // ---- the manager's sessions, candidates, roster and packages (docs/centre-api.md) ----
  sessions: defineRoute({
    method: 'GET', path: '/api/manager/sessions', caller: 'manager', response: SessionList,
    summary: 'Les sessions du centre.',
  }),
  sessionCreate: defineRoute({
    method: 'POST', path: '/api/manager/sessions', caller: 'manager', body: SessionInput, response: SessionCreated, status: 201,
    summary: 'Crée une session (numéro, code d’accès et mot de passe du surveillant tirés par le poste).',
  }),
  session: defineRoute({
    method: 'GET', path: '/api/manager/sessions/:sessionId', caller: 'manager', params: SessionParams, response: SessionAnswer,
    summary: 'Une session.',
  }),
  sessionUpdate: defineRoute({
    method: 'PUT', path: '/api/manager/sessions/:sessionId', caller: 'manager', params: SessionParams, body: SessionInput, response: SessionAnswer,
    summary: 'Modifie une session.',
  }),
  sessionDelete: defineRoute({
    method: 'DELETE', path: '/api/manager/sessions/:sessionId', caller: 'manager', params: SessionParams, response: NoContent, status: 204,
    summary: 'Supprime une session sans passage.',
  }),
  invigilatorPassword: defineRoute({
    method: 'POST', path: '/api/manager/sessions/:sessionId/invigilator-password', caller: 'manager', params: SessionParams,
    response: InvigilatorPasswordAnswer,
    summary: 'Nouveau mot de passe du surveillant ; les connexions faites avec l’ancien sont fermées.',
  }),
  candidates: defineRoute({
    method: 'GET', path: '/api/manager/sessions/:sessionId/candidates', caller: 'manager', params: SessionParams, response: CandidateList,
    summary: 'Les candidats d’une session.',
  }),
  candidateCreate: defineRoute({
    method: 'POST', path: '/api/manager/sessions/:sessionId/candidates', caller: 'manager', params: SessionParams, body: CandidateInput,
    response: CandidateAnswer, status: 201,
    summary: 'Ajoute un candidat.',
  }),
  roster: defineRoute({
    method: 'POST', path: '/api/manager/sessions/:sessionId/roster', caller: 'manager', params: SessionParams, query: RosterQuery,
    body: BINARY, response: RosterImported, status: 201,
    summary: 'Importe une liste de candidats (CSV ou ODS), tout ou rien.',
  }),
  candidate: defineRoute({
    method: 'GET', path: '/api/manager/candidates/:candidateId', caller: 'manager', params: CandidateParams, response: CandidateAnswer,
    summary: 'Un candidat.',
  }),
  candidateUpdate: defineRoute({
    method: 'PUT', path: '/api/manager/candidates/:candidateId', caller: 'manager', params: CandidateParams, body: CandidateInput,
    response: CandidateAnswer,
    summary: 'Modifie un candidat.',
  }),
  candidateDelete: defineRoute({
    method: 'DELETE', path: '/api/manager/candidates/:candidateId', caller: 'manager', params: CandidateParams, response: NoContent, status: 204,
    summary: 'Supprime un candidat qui n’a pas commencé.',
  }),
  packages: defineRoute({
    method: 'GET', path: '/api/manager/packages', caller: 'manager', response: PackageList,
    summary: 'Les paquets signés importés.',
  }),
  packageUpload: defineRoute({
    method: 'POST', path: '/api/manager/packages', caller: 'manager', body: PackageUpload, response: PackageImported, status: 201,
    summary: 'Importe un paquet signé (201, ou 200 s’il était déjà là).',
  }),
  sessionPackages: defineRoute({
    method: 'GET', path: '/api/manager/sessions/:sessionId/packages', caller: 'manager', params: SessionParams, response: SessionPackages,
    summary: 'Les paquets qu’une session utilise.',
  }),
  sessionPackageChoice: defineRoute({
    method: 'PUT', path: '/api/manager/sessions/:sessionId/packages', caller: 'manager', params: SessionParams, body: SessionPackageChoice,
    response: SessionPackages,
    summary: 'Choisit le paquet de contenu ou de profils d’une session.',
  }),

  // ---- the candidate's kiosk (docs/delivery-api.md) ----

  // ---- the invigilator's console (docs/delivery-api.md) ----
  live: defineRoute({
    method: 'GET', path: `${SESSION}/live`, caller: CONSOLE, params: SessionParams, response: LiveSession,
    summary: 'Les candidats de la session, « à traiter » d’abord.',
  }),
  confirmPresence: defineRoute({
    method: 'POST', path: `${CANDIDATE}/confirm-presence`, caller: 'invigilator', params: SessionCandidateParams, body: NoBody,
    response: LiveCandidateAnswer,
    summary: 'Confirme la présence du candidat (R-SESS-5).',
  }),
  authoriseResume: defineRoute({
    method: 'POST', path: `${CANDIDATE}/authorise-resume`, caller: 'invigilator', params: SessionCandidateParams, body: NoBody,
    response: LiveCandidateAnswer,
    summary: 'Autorise la reprise du candidat.',
  }),
  endTest: defineRoute({
    method: 'POST', path: `${CANDIDATE}/end-test`, caller: 'invigilator', params: SessionCandidateParams, body: NoBody,
    response: LiveCandidateAnswer,
    summary: 'Met fin au test du candidat (R-SESS-6).',
  }),
  extraTime: defineRoute({
    method: 'PUT', path: `${CANDIDATE}/extra-time`, caller: 'invigilator', params: SessionCandidateParams, body: ExtraTimeChange,
    response: LiveCandidateAnswer,
    summary: 'Change le temps majoré du candidat (R-SESS-3, R-VAL-6).',
  }),
  questions: defineRoute({
    method: 'GET', path: `${CANDIDATE}/questions`, caller: CONSOLE, params: SessionCandidateParams, response: CandidateQuestions,
    summary: 'Les questions du test du candidat, pour en désigner une dans un signalement.',
  }),
  incidentCreate: defineRoute({
    method: 'POST', path: `${SESSION}/incidents`, caller: 'invigilator', params: SessionParams, body: IncidentInput, response: IncidentAnswer,
    status: 201,
    summary: 'Un signalement (R-INC-1).',
  }),
  incidents: defineRoute({
    method: 'GET', path: `${SESSION}/incidents`, caller: CONSOLE, params: SessionParams, response: IncidentList,
    summary: 'Les signalements de la session.',
  }),
  checkInAlertClear: defineRoute({
    method: 'POST', path: `${SESSION}/check-in-alert/clear`, caller: 'invigilator', params: SessionParams, body: NoBody,
    response: CheckInAlertCleared,
    summary: 'Le surveillant lève l’alerte des connexions échouées de la session (R-SESS-4).',
  }),
  sessionKiosks: defineRoute({
    method: 'GET', path: `${SESSION}/kiosks`, caller: CONSOLE, params: SessionParams, response: SessionKioskList,
    summary: 'Les postes, et qui est assis à chacun pour cette session.',
  }),
  events: defineRoute({
    method: 'GET', path: `${SESSION}/events`, caller: CONSOLE, params: SessionParams, query: EventsQuery, response: SessionEvents,
    summary: 'Le journal de la session (du plus récent) et ses signaux de verrouillage, un signal répété une fois avec son nombre ; `?kind=` filtre.',
  }),
  finalisation: defineRoute({
    method: 'POST', path: `${SESSION}/finalisation`, caller: 'invigilator', params: SessionParams, body: FinalisationRequest,
    response: FinalisationAnswer,
    summary: 'Finalise la session (R-FIN-1..3).',
  }),
  results: defineRoute({
    method: 'GET', path: `${SESSION}/results`, caller: CONSOLE, params: SessionParams, response: BINARY,
    summary: 'Le document de résultats non signé, octet pour octet (en-tête x-content-sha256).',
  }),
  resultsScoring: defineRoute({
    method: 'GET', path: `${SESSION}/results/scoring`, caller: CONSOLE, params: SessionParams, response: ResultsScoring,
    summary: 'L’entrée du score de chaque candidat après la finalisation, calculée par le poste (la revue des résultats).',
  }),

  // ---- the centre's key and signed results (docs/results-bundle.md) ----
  centreKey: defineRoute({
    method: 'GET', path: '/api/manager/centre-key', caller: 'manager', response: CentreKeyAnswer,
    summary: 'Le certificat du centre importé (jamais la clé), ou null.',
  }),
  centreKeyImport: defineRoute({
    method: 'POST', path: '/api/manager/centre-key', caller: 'manager', body: CentreKeyImport, response: CentreKeyInfo, status: 201,
    summary: 'Importe le PKCS#12 du centre émis par l’autorité ; la clé est gardée chiffrée.',
  }),
  sessionSign: defineRoute({
    method: 'POST', path: `${SESSION}/signature`, caller: CONSOLE, params: SessionParams, body: SessionSignRequest,
    response: SessionSignature, status: 201,
    summary: 'Signe la session finalisée avec la clé du centre ; la session est alors figée.',
  }),
  sessionSignature: defineRoute({
    method: 'GET', path: `${SESSION}/signature`, caller: CONSOLE, params: SessionParams, response: SessionSignature,
    summary: 'La signature de la session (404 si elle n’est pas signée).',
  }),
  bundle: defineRoute({
    method: 'GET', path: `${SESSION}/bundle`, caller: CONSOLE, params: SessionParams, response: BINARY,
    summary: 'Le lot de résultats signé (.zip), octet pour octet (en-tête x-content-sha256).',
  }),
  sessionDocument: defineRoute({
    method: 'GET', path: `${SESSION}/documents/:document`, caller: CONSOLE, params: SessionDocumentParams, response: BINARY,
    summary: 'Un PDF du lot signé (attendance : feuille d’émargement, incidents : PV d’incident), ses octets exacts dans le lot.',
  }),

  // ---- sending to the authority platform (docs/delivery-api.md, issue 9 §2) ----
  platformSetting: defineRoute({
    method: 'GET', path: '/api/manager/platform', caller: 'manager', response: PlatformSettingAnswer,
    summary: 'L’adresse de la plateforme de l’autorité où les lots sont envoyés (null si pas réglée).',
  }),
  platformSettingChange: defineRoute({
    method: 'PUT', path: '/api/manager/platform', caller: 'manager', body: PlatformSetting, response: PlatformSettingAnswer,
    summary: 'Règle l’adresse (https://…) de la plateforme ; son certificat est vérifié avec authority.pem seul.',
  }),
  sessionSending: defineRoute({
    method: 'POST', path: `${SESSION}/sending`, caller: CONSOLE, params: SessionParams, body: NoBody, response: OutboxState, status: 202,
    summary: 'Met la session signée dans la boîte d’envoi et l’envoie dès que possible.',
  }),
  sessionOutbox: defineRoute({
    method: 'GET', path: `${SESSION}/sending`, caller: CONSOLE, params: SessionParams, response: OutboxState,
    summary: 'Où en est l’envoi : waitingForNetwork, sent, received, refused (tentatives, prochain essai, dernière erreur).',
  }),
  sessionReceipt: defineRoute({
    method: 'GET', path: `${SESSION}/receipt`, caller: CONSOLE, params: SessionParams, response: StoredReceiptAnswer,
    summary: 'Le reçu signé de la plateforme et les résultats de chaque candidat qu’il porte (404 sans reçu).',
  }),
  sessionReceiptImport: defineRoute({
    method: 'POST', path: `${SESSION}/receipt`, caller: CONSOLE, params: SessionParams, body: ReceiptFileImport, response: StoredReceiptAnswer, status: 201,
    summary: 'Importe le fichier du reçu rapporté sur une clé USB (passation send) : vérifié comme par passation import-receipt (201, ou 200 s’il était déjà là).',
  }),

  // ---- signed packages downloaded from the authority platform (docs/centre-api.md, issue 9 §2) ----
  platformPackages: defineRoute({
    method: 'GET', path: '/api/manager/platform/packages', caller: 'manager', response: PlatformPackageList,
    summary: 'Les paquets signés que la plateforme publie (sa liste, telle quelle).',
  }),
  platformPackageDownload: defineRoute({
    method: 'POST', path: '/api/manager/platform/packages', caller: 'manager', body: PlatformPackageRequest, response: PackageImported, status: 201,
    summary: 'Télécharge un paquet signé de la plateforme et l’importe, vérifié comme un fichier importé (201, ou 200 s’il était déjà là).',
  }),
} as const;
export type RouteName = keyof typeof ROUTES;

/** A live WebSocket: who may open it, what it receives and what the server sends on it. */
export interface LiveRouteDef {
  path: string;
  caller: RouteCaller;
  query?: z.ZodType;
  /** Client → server messages, parsed on arrival by the server. */
  receives: z.ZodType;
  /** Server → client messages, parsed on arrival by the screens. */
  sends: z.ZodType;
  summary: string;
}

/** The manager names the session to watch; an invigilator watches their own (the parameter is optional). */
export const ConsoleLiveQuery = z.object({ sessionId: z.string().regex(/^[1-9]\d{0,9}$/).optional() });

export const LIVE_ROUTES = {
  consoleLive: {
    path: '/api/console/live', caller: CONSOLE, query: ConsoleLiveQuery, receives: ConsoleToServer, sends: ServerToConsole,
    summary: 'La console suit sa session en direct.',
  },
  kioskLive: KIOSK_LIVE_ROUTES.kioskLive,
} as const satisfies Record<string, LiveRouteDef>;
