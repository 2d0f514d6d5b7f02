import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Session } from 'electron';
import type { BridgeRefusal } from '../../shared/formats/kiosk-bridge';
import { ENTRY_TOKEN_HEADER } from '../../shared/formats/kiosk-api';
import { err, ok, type Result } from '../../shared/result';
import type { AttachmentPlan } from './attachments';

/**
 * Carries out an attachment plan (attachments.ts): downloads through the kiosk's session (pinned certificate,
 * device token, attestation), checks the SHA-256 the station announced, writes it to a private temporary folder
 * and starts the permitted application with the file as its only argument (no shell). `onClosed` runs when it exits.
 */
export async function openAttachment(plan: AttachmentPlan, ses: Session, tempDir: string, onClosed: (code: number | null) => void): Promise<Result<{ application: string }, BridgeRefusal>> {
  // The station serves a test's asset to its pupil's entry only (GET /api/kiosk/assets/:id).
  const response = await ses.fetch(plan.url, { headers: { [ENTRY_TOKEN_HEADER]: plan.entryToken } }).catch(() => null);
  if (!response || !response.ok) return err({ code: 'downloadFailed', message: 'La pièce jointe n’a pas pu être téléchargée depuis la station.' });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== plan.sha256) return err({ code: 'badChecksum', message: 'La pièce jointe reçue ne correspond pas à celle de l’épreuve.' });
  const folder = fs.mkdtempSync(path.join(tempDir, 'passation-attachment-'));
  const file = path.join(folder, plan.fileName);
  fs.writeFileSync(file, bytes, { mode: 0o600 });
  const child = spawn(plan.application.executable, [file], { stdio: 'ignore', shell: false, windowsHide: false });
  child.once('error', () => onClosed(null));
  child.once('exit', (code) => onClosed(code));
  return ok({ application: plan.application.name });
}
