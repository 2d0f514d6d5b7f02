import path from 'node:path';
import type { BackupResult } from '../centre/storage/backup';

/**
 * « Sauvegarder la base » (issue 10 §2): the same backup as `passation backup` (electron/centre/storage/backup.ts,
 * SQLite's online backup API, checked, never overwriting). Pure: the file name the save dialog proposes, and the
 * French message the glue shows once it is done.
 */
export function defaultBackupName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `passation-sauvegarde-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}h${pad(now.getMinutes())}.sqlite`;
}

/** The chosen path with `.sqlite` added when the dialog gave none (Linux's GTK dialog adds no extension). */
export function backupTarget(chosen: string): string {
  return path.extname(chosen) === '' ? `${chosen}.sqlite` : chosen;
}

export interface BackupMessage { type: 'info' | 'error'; title: string; message: string; detail: string }

export function backupMessage(result: BackupResult): BackupMessage {
  if (result.ok) {
    return {
      type: 'info', title: 'Sauvegarder la base',
      message: 'La base du centre est sauvegardée.',
      detail: `${result.file} (${result.pages} pages, vérifiée). Gardez ce fichier hors de ce poste : il contient les résultats et les données des candidats.`,
    };
  }
  return { type: 'error', title: 'Sauvegarder la base', message: 'La sauvegarde n’a pas été faite.', detail: `Motif : ${result.message}. Rien n’a été écrit.` };
}
