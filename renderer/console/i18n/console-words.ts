import { addWords } from '../../ui/i18n/translate';
import { consoleEn } from './catalogue-console-en';
import { consoleFr } from './catalogue-console-fr';

/**
 * Adds the console's words (both languages: a few kB) to the lookup; called by console/main.tsx before the first
 * render, and by the console's tests. The common English words load, as on the kiosk, when English is chosen.
 */
export function addConsoleWords(): void {
  addWords('fr', consoleFr);
  addWords('en', consoleEn);
}
