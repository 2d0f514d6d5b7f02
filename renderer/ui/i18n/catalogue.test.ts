import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleEn } from '../../console/i18n/catalogue-console-en';
import { CONSOLE_FR_PARTS, consoleFr } from '../../console/i18n/catalogue-console-fr';
import { en } from './catalogue-en';
import { fr } from './catalogue-fr';
import { addWords, errorKey, isLoaded, LOCALES, loadLocale, placeholdersOf, translate } from './translate';

/** Each catalogue with its English: the common one (both screens, the kiosk's words) and the console's own. */
const PAIRS: [string, Record<string, string>, Record<string, string>][] = [['common', fr, en], ['console', consoleFr, consoleEn]];

describe('the i18n catalogue', () => {
  it.each(PAIRS)('%s: English has every French key and no other', (_name, french, english) => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(french).sort());
  });

  it('the console’s catalogue and the common one share no key (neither hides the other’s word)', () => {
    expect(Object.keys(consoleFr).filter((key) => key in fr)).toEqual([]);
  });

  it('the console’s parts (one per area) share no key: a later part would hide an earlier one’s word', () => {
    const seen = new Map<string, string>();
    const shared: string[] = [];
    for (const [part, words] of Object.entries(CONSOLE_FR_PARTS)) {
      for (const key of Object.keys(words)) {
        if (seen.has(key)) shared.push(`${key} (${seen.get(key)}, ${part})`);
        seen.set(key, part);
      }
    }
    expect(shared).toEqual([]);
    expect(seen.size).toBe(Object.keys(consoleFr).length);
  });

  it.each(PAIRS)('%s: every text of every locale uses the same parameters as its French source, and none is empty', (_name, french, english) => {
    for (const [locale, words] of [['fr', french], ['en', english]] as const) {
      for (const [key, source] of Object.entries(french)) {
        const text = words[key]!;
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholdersOf(text), `${locale} ${key}`).toEqual(placeholdersOf(source));
      }
    }
  });

  it('words every refusal code the centre server sends (read from electron/centre’s sources)', () => {
    const codes = serverRefusalCodes();
    expect(codes.length).toBeGreaterThan(40);
    expect(codes.filter((code) => errorKey(code) === 'error.unknown')).toEqual([]);
    expect(errorKey('somethingNew')).toBe('error.unknown');
    expect(errorKey('toString')).toBe('error.unknown');
  });
});

/** The codes of `new HttpError(status, 'code'…)`, `refuse('code'…)` and `unauthenticated(…, 'code')` in the server. */
function serverRefusalCodes(): string[] {
  const root = path.resolve(__dirname, '../../../electron/centre');
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const codes = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/new HttpError\(\d+, '(\w+)'|\brefuse\(\s*'(\w+)'|unauthenticated\(\w+, '(\w+)'/g)) codes.add((m[1] ?? m[2] ?? m[3])!);
  }
  // Every code of the domain's closed union (storage/refusal.ts), including those passed around as values.
  const union = fs.readFileSync(path.join(root, 'storage', 'refusal.ts'), 'utf8').match(/export type RefusalCode =([^;]*);/);
  if (!union) throw new Error('RefusalCode introuvable dans storage/refusal.ts');
  for (const m of union[1]!.matchAll(/'(\w+)'/g)) codes.add(m[1]!);
  return [...codes].sort();
}

describe('the English words, loaded when English is chosen', () => {
  it('are not in the lookup before loadLocale: English asked for gives the French word; after it, the English', async () => {
    expect(isLoaded('fr')).toBe(true);
    expect(isLoaded('en')).toBe(false);
    expect(translate('en', 'kiosk.title')).toBe('Passation — poste candidat');
    await loadLocale('en');
    expect(isLoaded('en')).toBe(true);
    expect(translate('en', 'kiosk.title')).toBe('Passation — candidate station');
  });

  it('a console word is the key itself until the console adds its words', () => {
    expect(translate('fr', 'console.logout')).toBe('console.logout');
    addWords('fr', consoleFr);
    addWords('en', consoleEn);
    expect(translate('fr', 'console.logout')).toBe('Se déconnecter');
    expect(translate('en', 'console.logout')).toBe('Sign out');
  });
});

describe('translate', () => {
  beforeAll(() => loadLocale('en'));

  it('makes each locale’s Intl objects once, not at every text (a render calls it dozens of times)', () => {
    const made = { plurals: 0, numbers: 0 };
    const intl = Intl as unknown as Record<'PluralRules' | 'NumberFormat', object>;
    const { PluralRules, NumberFormat } = intl;
    const counting = (real: object, key: keyof typeof made) => new Proxy(real, { construct(target, args) { made[key] += 1; return Reflect.construct(target as never, args); } });
    intl.PluralRules = counting(PluralRules, 'plurals');
    intl.NumberFormat = counting(NumberFormat, 'numbers');
    try {
      for (let seconds = 0; seconds < 50; seconds += 1) {
        for (const locale of LOCALES) translate(locale, 'live.retrying', { seconds });
      }
    } finally {
      intl.PluralRules = PluralRules;
      intl.NumberFormat = NumberFormat;
    }
    expect(made.plurals).toBeLessThanOrEqual(LOCALES.length);
    expect(made.numbers).toBeLessThanOrEqual(LOCALES.length);
    expect(translate('fr', 'live.retrying', { seconds: 2 })).toBe('Connexion perdue : nouvel essai dans 2 secondes.');
  });

  it('gives each locale its own words', () => {
    expect(translate('fr', 'kiosk.title')).toBe('Passation — poste candidat');
    expect(translate('en', 'kiosk.title')).toBe('Passation — candidate station');
  });

  it('chooses plurals with Intl.PluralRules, per language (French: 0 and 1 are singular)', () => {
    expect(translate('fr', 'live.retrying', { seconds: 0 })).toBe('Connexion perdue : nouvel essai dans 0 seconde.');
    expect(translate('fr', 'live.retrying', { seconds: 1 })).toBe('Connexion perdue : nouvel essai dans 1 seconde.');
    expect(translate('fr', 'live.retrying', { seconds: 2 })).toBe('Connexion perdue : nouvel essai dans 2 secondes.');
    expect(translate('en', 'live.retrying', { seconds: 0 })).toBe('Connection lost: trying again in 0 seconds.');
    expect(translate('en', 'live.retrying', { seconds: 1 })).toBe('Connection lost: trying again in 1 second.');
    expect(translate('fr', 'live.retrying', { seconds: 1500 })).toMatch(/^Connexion perdue : nouvel essai dans 1\s500 secondes\.$/);
  });

  it('formats times with Intl, and leaves a missing parameter visible', () => {
    const at = new Date(2026, 5, 3, 14, 5);
    expect(translate('fr', 'station.checkedAt', { time: at })).toBe('Dernière vérification à 14:05.');
    expect(translate('en', 'station.checkedAt', { time: at })).toMatch(/^Last checked at 0?2:05\sPM\.$/);
    expect(translate('fr', 'station.checkedAt')).toBe('Dernière vérification à {time}.');
  });
});

describe('French typography', () => {
  it('keeps guillemets with their words: a no-break space inside « », never a line break', () => {
    for (const [key, text] of Object.entries({ ...fr, ...consoleFr })) {
      expect(text, key).not.toMatch(/« | »/);
    }
  });
});
