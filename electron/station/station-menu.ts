import type { MenuItemConstructorOptions } from 'electron';

/**
 * Issue 10 §2 — the station's menu, in French: « Fichier » (the data folder, the database backup, quit),
 * « Édition », « Affichage » (zoom, full screen; reload and devtools only in a development run), « Fenêtre ».
 * Pure: the glue builds it with `Menu.buildFromTemplate` and gives the two actions.
 */
export interface MenuActions {
  openDataFolder(): void;
  backupDatabase(): void;
}

export const MENU_LABELS = {
  file: 'Fichier',
  openDataFolder: 'Ouvrir le dossier des données',
  backupDatabase: 'Sauvegarder la base…',
  quit: 'Quitter',
} as const;

export function stationMenuTemplate(actions: MenuActions, options: { platform: NodeJS.Platform; devTools: boolean }): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const, label: 'Passation' }] : []),
    {
      label: MENU_LABELS.file,
      submenu: [
        { id: 'open-data-folder', label: MENU_LABELS.openDataFolder, click: () => actions.openDataFolder() },
        { id: 'backup-database', label: MENU_LABELS.backupDatabase, accelerator: 'CommandOrControl+S', click: () => actions.backupDatabase() },
        { type: 'separator' },
        mac ? { role: 'close', label: 'Fermer la fenêtre' } : { role: 'quit', label: MENU_LABELS.quit, accelerator: 'Control+Q' },
      ],
    },
    {
      label: 'Édition',
      submenu: [
        { role: 'undo', label: 'Annuler' },
        { role: 'redo', label: 'Rétablir' },
        { type: 'separator' },
        { role: 'cut', label: 'Couper' },
        { role: 'copy', label: 'Copier' },
        { role: 'paste', label: 'Coller' },
        { role: 'selectAll', label: 'Tout sélectionner' },
      ],
    },
    {
      label: 'Affichage',
      submenu: [
        { role: 'resetZoom', label: 'Taille réelle' },
        { role: 'zoomIn', label: 'Zoom avant' },
        { role: 'zoomOut', label: 'Zoom arrière' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Plein écran' },
        ...(options.devTools ? [
          { type: 'separator' as const },
          { role: 'reload' as const, label: 'Recharger' },
          { role: 'toggleDevTools' as const, label: 'Outils de développement' },
        ] : []),
      ],
    },
    {
      label: 'Fenêtre',
      role: 'windowMenu',
      submenu: [
        { role: 'minimize', label: 'Réduire' },
        { role: 'zoom', label: 'Agrandir' },
        ...(mac ? [{ type: 'separator' as const }, { role: 'front' as const, label: 'Tout ramener au premier plan' }] : [{ role: 'close' as const, label: 'Fermer' }]),
      ],
    },
  ];
}
