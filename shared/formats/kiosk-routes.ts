import { KioskIdentity, KioskPairing, KioskPairingAnswer } from './centre-api';
import { NoBody } from './console-api';
import { AnswerAck, KioskAnswer, KioskCheckIn, KioskCheckInAnswer, KioskEvent, KioskEventAnswer, KioskState, KioskTest } from './kiosk-api';
import { KioskToServer, ServerToKiosk } from './live-messages';
import { AssetParams } from './route-params';
import { BINARY, defineRoute } from './route-table';
import { z } from 'zod';

/**
 * The routes a candidate's kiosk calls (and the health check every screen polls), part of the centre server's
 * route table (routes.ts spreads them into ROUTES). A module of its own so that the kiosk page bundles only
 * these schemas, not the manager's, console's and platform's (issue 8: kiosk JS ≤ 150 KB gzipped).
 */
export const HealthAnswer = z.object({ status: z.literal('ok'), certificateFingerprint: z.string().nullable() }).strict();

export const KIOSK_ROUTES = {
  health: defineRoute({
    method: 'GET', path: '/api/health', caller: 'public', response: HealthAnswer,
    summary: 'Le serveur répond ; empreinte du certificat du poste.',
  }),
  kioskPair: defineRoute({
    method: 'POST', path: '/api/kiosk/pair', caller: 'public', body: KioskPairing, response: KioskPairingAnswer, status: 201,
    summary: 'Un poste échange le code d’appairage contre son jeton de poste.',
  }),
  kioskMe: defineRoute({
    method: 'GET', path: '/api/kiosk/me', caller: 'kiosk', response: KioskIdentity,
    summary: 'Le poste appairé se reconnaît.',
  }),
  checkIn: defineRoute({
    method: 'POST', path: '/api/kiosk/check-in', caller: 'kiosk', body: KioskCheckIn, response: KioskCheckInAnswer,
    summary: 'Le candidat s’identifie sur le poste (R-SESS-4).',
  }),
  reEntry: defineRoute({
    method: 'POST', path: '/api/kiosk/re-entry', caller: 'kiosk', body: NoBody, response: KioskCheckInAnswer,
    summary: 'Après un rechargement, le poste qui a gardé le test rentre avec l’ancien jeton d’entrée : une nouvelle entrée attend la reprise (R-SESS-5).',
  }),
  kioskState: defineRoute({
    method: 'GET', path: '/api/kiosk/state', caller: 'kiosk', response: KioskState,
    summary: 'Où en est le candidat du poste.',
  }),
  start: defineRoute({
    method: 'POST', path: '/api/kiosk/start', caller: 'kiosk', body: NoBody, response: KioskTest,
    summary: 'Commence ou reprend le test : le test entier, sans solutions.',
  }),
  answer: defineRoute({
    method: 'POST', path: '/api/kiosk/answers', caller: 'kiosk', body: KioskAnswer, response: AnswerAck,
    summary: 'Une réponse, enregistrée durablement ; l’accusé ne dit jamais si elle est juste.',
  }),
  kioskEvent: defineRoute({
    method: 'POST', path: '/api/kiosk/events', caller: 'kiosk', body: KioskEvent, response: KioskEventAnswer,
    summary: 'Un signal du poste verrouillé (perte de focus, écran ajouté…).',
  }),
  asset: defineRoute({
    method: 'GET', path: '/api/kiosk/assets/:assetId', caller: 'kiosk', params: AssetParams, response: BINARY,
    summary: 'Une illustration ou une pièce jointe d’une épreuve du test du candidat.',
  }),
};

export const KIOSK_LIVE_ROUTES = {
  kioskLive: {
    path: '/api/kiosk/live', caller: 'kiosk', receives: KioskToServer, sends: ServerToKiosk,
    summary: 'Le poste candidat : changements d’état, réponses et accusés.',
  },
} as const;
