import path from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { backupDatabase } from '../centre/storage/backup';
import type { Db } from '../centre/storage/database';
import { backupMessage, backupTarget, defaultBackupName } from './backup-plan';

/** « Ouvrir le dossier des données »: the OS file manager on the data folder; a French message when it cannot. */
export async function openDataFolder(window: BrowserWindow, dataDir: string): Promise<void> {
  const problem = await shell.openPath(dataDir);
  if (problem === '') return;
  await dialog.showMessageBox(window, {
    type: 'error', title: 'Ouvrir le dossier des données', message: 'Le dossier des données ne s’ouvre pas.',
    detail: `${dataDir} : ${problem}`, buttons: ['OK'],
  });
}

/** « Sauvegarder la base… »: where to (a save dialog), then `passation backup`'s copy, then its result in French. */
export async function saveDatabaseBackup(window: BrowserWindow, db: Db, now: Date = new Date()): Promise<void> {
  const chosen = await dialog.showSaveDialog(window, {
    title: 'Sauvegarder la base du centre',
    defaultPath: path.join(app.getPath('documents'), defaultBackupName(now)),
    buttonLabel: 'Sauvegarder',
    filters: [{ name: 'Base SQLite', extensions: ['sqlite'] }],
    properties: ['createDirectory'],
  });
  if (chosen.canceled || !chosen.filePath) return;
  const message = backupMessage(await backupDatabase(db, backupTarget(chosen.filePath)));
  await dialog.showMessageBox(window, { ...message, buttons: ['OK'] });
}
