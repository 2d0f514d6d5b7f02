import { fr, type MessageKey } from './catalogue-fr';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** Some words of a locale, by key. */
export type Words = Partial<Record<MessageKey, string>>;

/**
 * The lookup of each locale: French (the default) in the page's bundle; the other locales' common words in their
 * own chunk, loaded when first chosen (`loadLocale`: the French page never downloads English; the kiosk's service
 * worker precaches the chunk, assets/*.js, so it loads offline too); each screen adds its own words (`addWords`:
 * the console's are in renderer/console/i18n/, out of the kiosk's bundle).
 */
const CATALOGUES: Record<Locale, Words> = { fr: { ...fr }, en: {} };
const LOADERS: Record<Exclude<Locale, 'fr'>, () => Promise<Words>> = {
  en: () => import('./catalogue-en').then((m) => m.en),
};
const loaded = new Set<Locale>(['fr']);

/** Adds (or replaces) words of `locale` in the lookup. */
export function addWords(locale: Locale, words: Words): void {
  Object.assign(CATALOGUES[locale], words);
}

/** Whether `locale`'s common words are in the lookup (French always is). */
export function isLoaded(locale: Locale): boolean {
  return loaded.has(locale);
}

/** Loads `locale`'s common words (its chunk) once; rejects when the chunk cannot be had (the caller stays put). */
export async function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'fr' || loaded.has(locale)) return;
  addWords(locale, await LOADERS[locale]());
  loaded.add(locale);
}

export type MessageParam = string | number | Date;
export type MessageParams = Record<string, MessageParam>;

const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;
const PARAM = /\{(\w+)\}/g;

interface LocaleFormats {
  plurals: Intl.PluralRules;
  numbers: Intl.NumberFormat;
  times: Intl.DateTimeFormat;
}

/**
 * The `Intl` objects of each locale, made once: building one costs far more than using it (bench:kiosk's profile:
 * a PluralRules and a NumberFormat per text rendered was a large part of each answer's render, docs/benchmarks.md).
 */
const FORMATS = new Map<Locale, LocaleFormats>();

function formatsOf(locale: Locale): LocaleFormats {
  let formats = FORMATS.get(locale);
  if (!formats) {
    formats = {
      plurals: new Intl.PluralRules(locale),
      numbers: new Intl.NumberFormat(locale),
      times: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
    };
    FORMATS.set(locale, formats);
  }
  return formats;
}

function formatParam(formats: LocaleFormats, value: MessageParam | undefined, name: string): string {
  if (value === undefined) return `{${name}}`;
  if (typeof value === 'number') return formats.numbers.format(value);
  if (value instanceof Date) return formats.times.format(value);
  return value;
}

/**
 * The text of `key` in `locale`: `{name}` replaced by its parameter (numbers and times through `Intl`),
 * `{n, plural, one {…} other {…}}` chosen with `Intl.PluralRules` (`=0` exact matches first), `#` the number.
 * A missing parameter stays visible as `{name}` rather than vanishing. A word not (yet) in `locale`'s lookup is
 * the French one; a key no catalogue added (a console word on a page that did not add them) is shown as the key.
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const text = CATALOGUES[locale][key] ?? CATALOGUES.fr[key] ?? key;
  if (!text.includes('{')) return text;
  const formats = formatsOf(locale);
  return text
    .replace(PLURAL, (whole, name: string, branches: string) => {
      const value = params[name];
      if (typeof value !== 'number') return whole;
      const options = new Map([...branches.matchAll(PLURAL_BRANCH)].map((m) => [m[1]!, m[2]!]));
      const chosen = options.get(`=${value}`) ?? options.get(formats.plurals.select(value)) ?? options.get('other') ?? '';
      return chosen.replace(/#/g, formats.numbers.format(value));
    })
    .replace(PARAM, (_whole, name: string) => formatParam(formats, params[name], name));
}

/** The parameter names a text uses (`{time}`, and the variable of each plural), for the catalogue test. */
export function placeholdersOf(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(PLURAL)) names.add(m[1]!);
  for (const m of text.replace(PLURAL, '').matchAll(PARAM)) names.add(m[1]!);
  return [...names].sort();
}

/** The catalogue key for a server refusal code; unknown codes get the generic sentence. */
export function errorKey(code: string): MessageKey {
  const key = `error.${code}`;
  return key in fr ? (key as MessageKey) : 'error.unknown';
}
