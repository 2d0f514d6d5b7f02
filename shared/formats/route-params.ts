import { z } from 'zod';

/**
 * Path parameters of the route table (routes.ts), parsed from the URL's strings. A malformed id names nothing
 * that exists: the server answers 404 `notFound` with this message (not a 400: the URL is the resource's name).
 */

/** A positive integer id (`/api/manager/sessions/12`); `what` names the resource in the French 404 message. */
export function idParam(what: string) {
  return z.string()
    .regex(/^[1-9]\d{0,14}$/, { error: (issue) => `${what} introuvable (identifiant « ${String(issue.input).slice(0, 40)} »).` })
    .transform(Number);
}

export const SessionParams = z.object({ sessionId: idParam('Session') });
export const CandidateParams = z.object({ candidateId: idParam('Candidat') });
export const KioskParams = z.object({ kioskId: idParam('Poste') });
export const SessionCandidateParams = z.object({ sessionId: idParam('Session'), candidateId: idParam('Candidat') });
/**
 * One of the two PDFs of a signed session's bundle (docs/results-bundle.md): `attendance` = la feuille
 * d'émargement, `incidents` = le PV d'incident. Another name names nothing: 404.
 */
export const BundleDocument = z.enum(['attendance', 'incidents'], { error: (issue) => `Document introuvable (« ${String(issue.input).slice(0, 40)} » : attendance ou incidents).` });
export type BundleDocument = z.infer<typeof BundleDocument>;
export const SessionDocumentParams = z.object({ sessionId: idParam('Session'), document: BundleDocument });
/** A challenge asset's id (`Id` of common.ts); an unknown one is the route's own 404. */
export const AssetParams = z.object({ assetId: z.string() });
