/**
 * kiosk-lockdown.md §2 — the `before-input-event` filter. The blocked combinations are DATA, one row each, per
 * platform; `keyDecision` looks a key press up in them (first matching row wins). Everything not listed is
 * typing and goes through: letters, accents, dead keys, AltGr (reported as Ctrl+Alt on Windows), Tab/Shift+Tab,
 * arrows, Escape, Enter, and the clipboard shortcuts inside the page (the page itself keeps paste from outside off).
 *
 * Combination grammar: modifiers then the key, joined by `+`: `Ctrl+Shift+I`. The modifiers listed must be held
 * and no other, except `*` (any modifiers: `*+F5` is F5 with or without Ctrl, Alt, Shift…) and a key `*` (any key
 * with those modifiers held, whatever else: `Meta+*`); `Meta` alone is the Windows / Super key itself. Keys are
 * `KeyboardEvent.key` values, compared without case, so a shortcut follows the layout as Chromium's own do (Ctrl+W
 * on AZERTY is the key labelled W); `[Digit0]` names a physical key (`KeyboardEvent.code`) where Chromium reads that.
 * What no application can catch (Ctrl+Alt+Del, Win+L, Alt+Tab on most systems, gestures) is the OS layer's job
 * (build/kiosk/); rows for what reaches the app only sometimes (Alt+Tab under some window managers) are kept.
 */
export type KioskPlatform = 'win32' | 'linux' | 'darwin';
export type KeyAction = 'block' | 'technicianChord';

export interface KeyRow {
  combo: string;
  platforms: readonly KioskPlatform[];
  action: KeyAction;
  /** What the combination would do in a browser or the OS (for the README and the forbiddenKey event). */
  does: string;
}

const ALL: readonly KioskPlatform[] = ['win32', 'linux', 'darwin'];
const PC: readonly KioskPlatform[] = ['win32', 'linux'];
const MAC: readonly KioskPlatform[] = ['darwin'];
const WIN: readonly KioskPlatform[] = ['win32'];

/** The technician's chord (kiosk-lockdown §2): opens the admin-code field; never typed by accident. */
export const TECHNICIAN_CHORD = 'Ctrl+Alt+Shift+F10';

const row = (combo: string, platforms: readonly KioskPlatform[], does: string, action: KeyAction = 'block'): KeyRow => ({ combo, platforms, does, action });

export const KEY_TABLE: readonly KeyRow[] = [
  row(TECHNICIAN_CHORD, ALL, 'sortie technicien (code administrateur)', 'technicianChord'),
  // Function keys, whatever the modifiers: F1 help, F3 find, F4 with Alt closes the window, F5 reload,
  // F6 address bar, F7 caret browsing, F10 menu, F11 fullscreen, F12 devtools.
  ...Array.from({ length: 24 }, (_, i) => row(`*+F${i + 1}`, ALL, `touche de fonction F${i + 1} (Alt+F4 fermer, F5 recharger, F11 plein écran, F12 outils de développement)`)),
  // Close, quit, new window or tab.
  row('Ctrl+W', PC, 'fermer l’onglet'), row('Ctrl+Shift+W', PC, 'fermer la fenêtre'),
  row('Ctrl+Q', PC, 'quitter'), row('Ctrl+Shift+Q', PC, 'quitter'),
  row('Ctrl+N', PC, 'nouvelle fenêtre'), row('Ctrl+Shift+N', PC, 'fenêtre de navigation privée'),
  row('Ctrl+T', PC, 'nouvel onglet'), row('Ctrl+Shift+T', PC, 'rouvrir un onglet'),
  row('Ctrl+Tab', PC, 'onglet suivant'), row('Ctrl+Shift+Tab', PC, 'onglet précédent'),
  row('Ctrl+PageUp', PC, 'onglet précédent'), row('Ctrl+PageDown', PC, 'onglet suivant'),
  // Reload, devtools, view source, print, save, open, history, downloads, address bar.
  row('Ctrl+R', PC, 'recharger'), row('Ctrl+Shift+R', PC, 'recharger sans le cache'),
  row('Ctrl+Shift+I', PC, 'outils de développement'), row('Ctrl+Shift+J', PC, 'console JavaScript'),
  row('Ctrl+Shift+C', PC, 'inspecter un élément'), row('Ctrl+U', PC, 'code source de la page'),
  row('Ctrl+P', PC, 'imprimer'), row('Ctrl+Shift+P', PC, 'imprimer (boîte du système)'),
  row('Ctrl+S', PC, 'enregistrer la page'), row('Ctrl+O', PC, 'ouvrir un fichier'),
  row('Ctrl+H', PC, 'historique'), row('Ctrl+J', PC, 'téléchargements'), row('Ctrl+D', PC, 'favori'),
  row('Ctrl+L', PC, 'barre d’adresse'), row('Ctrl+E', PC, 'recherche'), row('Ctrl+K', PC, 'recherche'),
  row('Ctrl+Shift+Delete', PC, 'effacer les données de navigation'), row('Ctrl+Shift+B', PC, 'favoris'),
  row('Ctrl+Shift+M', PC, 'changer de profil'), row('Ctrl+0', PC, 'réinitialiser le zoom'),
  row('Ctrl+[Digit0]', WIN, 'réinitialiser le zoom (Ctrl+à sur AZERTY : Chromium lit la touche physique)'),
  // History navigation and the window menu.
  row('Alt+ArrowLeft', PC, 'page précédente'), row('Alt+ArrowRight', PC, 'page suivante'), row('Alt+Home', PC, 'page d’accueil'),
  row('Alt+Tab', PC, 'changer d’application (quand le système le laisse passer)'), row('Alt+Shift+Tab', PC, 'changer d’application'),
  row('Alt+Escape', PC, 'fenêtre suivante'), row('Alt+Space', PC, 'menu de la fenêtre'),
  row('Ctrl+Escape', WIN, 'menu Démarrer'), row('Ctrl+Shift+Escape', WIN, 'gestionnaire des tâches'),
  // The Windows / Super key and every combination with it that reaches the app (Win+L and Win+Tab do not: OS layer).
  row('Meta', PC, 'touche Windows : menu Démarrer'), row('Meta+*', PC, 'raccourcis de la touche Windows (Win+D bureau, Win+E explorateur, Win+R exécuter…)'),
  // Keys that act on the browser whatever the layout.
  row('*+BrowserBack', ALL, 'page précédente'), row('*+BrowserForward', ALL, 'page suivante'), row('*+BrowserRefresh', ALL, 'recharger'),
  row('*+BrowserHome', ALL, 'page d’accueil'), row('*+BrowserSearch', ALL, 'recherche'), row('*+BrowserStop', ALL, 'arrêter'),
  row('*+BrowserFavorites', ALL, 'favoris'), row('*+LaunchApplication1', ALL, 'lancer une application'), row('*+LaunchApplication2', ALL, 'lancer une application'),
  row('*+LaunchMail', ALL, 'messagerie'), row('*+ContextMenu', ALL, 'menu contextuel'), row('*+PrintScreen', ALL, 'capture d’écran'),
  // macOS: Cmd is the browser's modifier there; Cmd+C/V/X/A/Z stay for answers.
  row('Meta+Q', MAC, 'quitter'), row('Meta+W', MAC, 'fermer la fenêtre'), row('Meta+Shift+W', MAC, 'fermer la fenêtre'),
  row('Meta+H', MAC, 'masquer l’application'), row('Meta+Alt+H', MAC, 'masquer les autres'), row('Meta+M', MAC, 'placer dans le Dock'),
  row('Meta+N', MAC, 'nouvelle fenêtre'), row('Meta+Shift+N', MAC, 'fenêtre privée'), row('Meta+T', MAC, 'nouvel onglet'), row('Meta+Shift+T', MAC, 'rouvrir un onglet'),
  row('Meta+R', MAC, 'recharger'), row('Meta+Shift+R', MAC, 'recharger sans le cache'),
  row('Meta+Alt+I', MAC, 'outils de développement'), row('Meta+Alt+J', MAC, 'console JavaScript'), row('Meta+Alt+C', MAC, 'inspecter un élément'), row('Meta+Alt+U', MAC, 'code source'),
  row('Meta+P', MAC, 'imprimer'), row('Meta+S', MAC, 'enregistrer'), row('Meta+O', MAC, 'ouvrir'), row('Meta+L', MAC, 'barre d’adresse'),
  row('Meta+Y', MAC, 'historique'), row('Meta+Shift+J', MAC, 'téléchargements'), row('Meta+0', MAC, 'réinitialiser le zoom'),
  row('Meta+,', MAC, 'réglages'), row('Meta+Ctrl+F', MAC, 'plein écran'), row('Meta+Tab', MAC, 'changer d’application (quand macOS le laisse passer)'),
  row('Meta+[', MAC, 'page précédente'), row('Meta+]', MAC, 'page suivante'), row('Meta+ArrowLeft', MAC, 'page précédente'), row('Meta+ArrowRight', MAC, 'page suivante'),
];

/** The part of Electron's `Input` the filter reads (so tests need no Electron). */
export interface KeyPress {
  type: string;
  key: string;
  code: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

type Modifier = 'control' | 'alt' | 'shift' | 'meta';
const MODIFIER_NAMES: Record<string, Modifier> = { Ctrl: 'control', Alt: 'alt', Shift: 'shift', Meta: 'meta' };
const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS']);

interface Matcher { row: KeyRow; required: ReadonlySet<Modifier>; othersFree: boolean; key: string | null; code: string | null; alone: boolean }

function compile(r: KeyRow): Matcher {
  if (r.combo === 'Meta') return { row: r, required: new Set(), othersFree: true, key: null, code: null, alone: true };
  const tokens = r.combo.split('+');
  const keyToken = tokens[tokens.length - 1]!;
  const required = new Set<Modifier>();
  let othersFree = keyToken === '*';
  for (const t of tokens.slice(0, -1)) {
    if (t === '*') { othersFree = true; continue; }
    const m = MODIFIER_NAMES[t];
    if (!m) throw new Error(`KEY_TABLE: modificateur inconnu « ${t} » dans « ${r.combo} »`);
    required.add(m);
  }
  const physical = /^\[(\w+)\]$/.exec(keyToken);
  return {
    row: r, required, othersFree, alone: false,
    code: physical ? physical[1]! : null,
    key: keyToken === '*' || physical ? null : normalise(keyToken === 'Space' ? ' ' : keyToken),
  };
}

function normalise(key: string): string {
  return key.length === 1 ? key.toLowerCase() : key;
}

/** The key a press stands for: `key`, or on macOS with Option held (which changes `key`: ⌥I is `ˆ`), the letter of `code`. */
function keyOf(press: KeyPress, platform: KioskPlatform): string {
  if (platform === 'darwin' && press.alt && !/^[a-z0-9]$/i.test(press.key)) {
    const letter = /^Key([A-Z])$/.exec(press.code) ?? /^Digit([0-9])$/.exec(press.code);
    if (letter) return letter[1]!.toLowerCase();
  }
  return normalise(press.key);
}

const MATCHERS: Record<KioskPlatform, readonly Matcher[]> = {
  win32: KEY_TABLE.filter((r) => r.platforms.includes('win32')).map(compile),
  linux: KEY_TABLE.filter((r) => r.platforms.includes('linux')).map(compile),
  darwin: KEY_TABLE.filter((r) => r.platforms.includes('darwin')).map(compile),
};

function matches(m: Matcher, press: KeyPress, key: string): boolean {
  if (m.alone) return press.key === 'Meta' || press.key === 'OS';
  if (MODIFIER_KEYS.has(press.key)) return false;
  if (m.key !== null && m.key !== key) return false;
  if (m.code !== null && m.code !== press.code) return false;
  for (const mod of m.required) if (!press[mod]) return false;
  if (m.othersFree) return true;
  return (['control', 'alt', 'shift', 'meta'] as const).every((mod) => m.required.has(mod) === press[mod]);
}

/** The table row a key press hits (it must then be prevented), or null for typing that goes through. Only key-down acts. */
export function keyDecision(press: KeyPress, platform: KioskPlatform): KeyRow | null {
  if (press.type !== 'keyDown' && press.type !== 'rawKeyDown') return null;
  const key = keyOf(press, platform);
  return MATCHERS[platform].find((m) => matches(m, press, key))?.row ?? null;
}
