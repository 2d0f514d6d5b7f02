import type { BridgeRefusal } from '../../shared/formats/kiosk-bridge';
import { AttachmentRequest } from '../../shared/formats/kiosk-bridge-requests';
import { err, ok, type Result } from '../../shared/result';
import type { PermittedApplication } from './kiosk-config';
import { isAllowedNavigation } from './navigation';

/**
 * kiosk-lockdown §2 — a challenge's attachment opens in one of the applications the config permits: only a file
 * the station serves, only with an application listed for its media type, under a plain file name. The glue then
 * downloads it through the pinned session, checks its SHA-256, starts the application without a shell (argument
 * array), records the switch as expected (allowedApplicationOpened / Closed) and brings the test back on top.
 * Never `shell.openExternal`, never a path or a program chosen by the page.
 */
export interface AttachmentPlan { url: string; fileName: string; sha256: string; entryToken: string; application: PermittedApplication }

export function attachmentDecision(input: unknown, stationOrigin: string, applications: readonly PermittedApplication[]): Result<AttachmentPlan, BridgeRefusal> {
  const parsed = AttachmentRequest.safeParse(input);
  if (!parsed.success) return err({ code: 'badRequest', message: `Demande d’ouverture invalide : ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim() });
  const request = parsed.data;
  if (!isAllowedNavigation(request.url, stationOrigin)) return err({ code: 'notFromStation', message: 'Cette pièce jointe ne vient pas de la station.' });
  if (!isPlainFileName(request.fileName)) return err({ code: 'badFileName', message: `Nom de fichier refusé : « ${request.fileName} ».` });
  const application = applications.find((a) => a.mediaTypes.includes(request.mediaType.toLowerCase().split(';')[0]!.trim()));
  if (!application) return err({ code: 'noPermittedApplication', message: `Aucune application autorisée sur ce poste pour ouvrir ce fichier (${request.mediaType}) : appelez le surveillant.` });
  return ok({ url: request.url, fileName: request.fileName, sha256: request.sha256, entryToken: request.entryToken, application });
}

/** No directory, no parent, no device name, no control or reserved character, not hidden. */
export function isPlainFileName(name: string): boolean {
  if (name.length === 0 || name.length > 255 || name.startsWith('.') || name.endsWith('.') || name.endsWith(' ')) return false;
  if (/[\\/:*?"<>|]/.test(name) || [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return false;
  return !/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name);
}
