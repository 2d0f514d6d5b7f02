import { z } from 'zod';

/**
 * Text hygiene for what people type (the probe of §5: lone surrogates stored as invalid UTF-8 and read back as
 * U+FFFD, NUL and control characters, bidi overrides that spoof a name right-to-left):
 * - lone UTF-16 surrogates (half of a pair: not a character, not storable as UTF-8);
 * - C0 and C1 control characters (NUL, ESC, DEL, NEL…), except tab, line feed and carriage return;
 * - the bidi embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
 * Names and other identifying fields refuse them (a French message, the field named by the caller); free texts
 * (descriptions, comments, kiosk names, causes) have them removed.
 */
// oxlint-disable-next-line no-control-regex -- matching control characters is this module's job
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const UNSAFE_TEXT_MESSAGE = 'caractère interdit (caractère de contrôle, demi-caractère UTF-16 isolé ou marque de sens d’écriture)';

/** True when the text holds a character of the rules above (tab and line breaks allowed). */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/** The text without those characters (tab and line breaks kept). */
export function stripUnsafeCharacters(text: string): string {
  return text.replace(UNSAFE, '');
}

/**
 * True for a text without any forbidden character: what a name may hold. Tab and line breaks are let through (a
 * roster cell quoted over two lines is read as it is, roster-import.test.ts); the check-in compares names normalised.
 */
export function isSafeName(text: string): boolean {
  return !hasUnsafeCharacters(text);
}

/** A string that refuses forbidden characters (names, places, identifiers typed by people); chain trim/min/max. */
export const safeName = () => z.string().refine(isSafeName, UNSAFE_TEXT_MESSAGE);

/** A free text with forbidden characters removed, trimmed, at most `max` characters. */
export const freeText = (max: number) => z.string().overwrite(stripUnsafeCharacters).trim().max(max, `${max} caractères au plus`);
