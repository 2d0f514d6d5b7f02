import { en } from './catalogue-en';
import { fr, type MessageKey } from './catalogue-fr';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { fr, en };

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
 * A missing parameter stays visible as `{name}` rather than vanishing.
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const text = CATALOGUES[locale][key];
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
