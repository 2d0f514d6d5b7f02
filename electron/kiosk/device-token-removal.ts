import fs from 'node:fs';
import type { TechnicianRefusal } from '../../shared/formats/kiosk-bridge';
import { err, ok, type Result } from '../../shared/result';

/**
 * Issue 8 §6 — « Appairer de nouveau »: the shell removes its device token file, so that on relaunch the config
 * is found with no usable token, which is the pairing rules' re-pairing case (pairing-flow.ts readConfigOnDisk
 * → `tokenUnusable`: the pairing page, the config's admin code asked, its admin code and permitted applications
 * kept). A token already gone is fine. A failure (the kiosk account may only read the token: build/kiosk/) is a
 * French refusal naming the file; nothing else has changed then, the kiosk goes on.
 */
export function removeDeviceToken(file: string): Result<void, TechnicianRefusal> {
  try {
    fs.rmSync(file, { force: true });
    return ok(undefined);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'erreur';
    return err({
      code: 'deviceTokenNotRemoved',
      message: `Jeton de poste non supprimé (${code}) : ${file}. Le compte de la borne doit pouvoir écrire ce dossier ; sinon supprimez le fichier en administrateur et redémarrez la borne.`,
    });
  }
}
