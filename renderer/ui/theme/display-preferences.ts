/**
 * Issue 8 §4 — the pupil's display preferences: a high-contrast theme and a text size (100 / 125 / 150 %), pure.
 * They are applied as attributes of `<html>` that `tokens.css` reads (`data-theme="high-contrast"`,
 * `data-text-size="large" | "larger"`), and kept in `localStorage` so a reload (or the next pupil's session on
 * the same PC, until changed) keeps them. Nothing personal is stored: two words.
 */
export const THEMES = ['normal', 'high-contrast'] as const;
export type Theme = (typeof THEMES)[number];
export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
/** What each size is, in per cent of the normal size (tokens.css: `--text-scale`). */
export const TEXT_SIZE_PERCENT: Record<TextSize, number> = { normal: 100, large: 125, larger: 150 };

export interface DisplayPreferences { theme: Theme; textSize: TextSize }
export const DEFAULT_DISPLAY: DisplayPreferences = { theme: 'normal', textSize: 'normal' };
export const DISPLAY_STORAGE_KEY = 'passation.display';

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);

/** What was stored, read leniently: anything unreadable or unknown is the default (never an error for the pupil). */
export function readDisplayPreferences(stored: string | null): DisplayPreferences {
  if (stored === null) return DEFAULT_DISPLAY;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return DEFAULT_DISPLAY;
  }
  const record = typeof value === 'object' && value !== null ? value as Record<string, unknown> : {};
  return {
    theme: isOneOf(THEMES, record.theme) ? record.theme : DEFAULT_DISPLAY.theme,
    textSize: isOneOf(TEXT_SIZES, record.textSize) ? record.textSize : DEFAULT_DISPLAY.textSize,
  };
}

export const writeDisplayPreferences = (preferences: DisplayPreferences): string =>
  JSON.stringify({ theme: preferences.theme, textSize: preferences.textSize });

/** The `<html>` attributes for these preferences (null: the attribute is absent, the normal look). */
export function displayAttributes(preferences: DisplayPreferences): { 'data-theme': string | null; 'data-text-size': string | null } {
  return {
    'data-theme': preferences.theme === 'normal' ? null : preferences.theme,
    'data-text-size': preferences.textSize === 'normal' ? null : preferences.textSize,
  };
}
