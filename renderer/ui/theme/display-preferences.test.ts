import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY, displayAttributes, readDisplayPreferences, TEXT_SIZES, THEMES, writeDisplayPreferences } from './display-preferences';

describe('display preferences (issue 8 §4)', () => {
  it('what was written is read back', () => {
    for (const theme of THEMES) for (const textSize of TEXT_SIZES) {
      expect(readDisplayPreferences(writeDisplayPreferences({ theme, textSize }))).toEqual({ theme, textSize });
    }
  });

  it('nothing stored, or anything unreadable, is the normal look; a known half is kept', () => {
    expect(readDisplayPreferences(null)).toEqual(DEFAULT_DISPLAY);
    expect(readDisplayPreferences('{pas du json')).toEqual(DEFAULT_DISPLAY);
    expect(readDisplayPreferences('"high-contrast"')).toEqual(DEFAULT_DISPLAY);
    expect(readDisplayPreferences('{"theme":"dark","textSize":"larger"}')).toEqual({ theme: 'normal', textSize: 'larger' });
    fc.assert(fc.property(fc.string(), (stored) => {
      const read = readDisplayPreferences(stored);
      expect(THEMES).toContain(read.theme);
      expect(TEXT_SIZES).toContain(read.textSize);
    }));
  });

  it('the <html> attributes tokens.css reads', () => {
    expect(displayAttributes(DEFAULT_DISPLAY)).toEqual({ 'data-theme': null, 'data-text-size': null });
    expect(displayAttributes({ theme: 'high-contrast', textSize: 'larger' })).toEqual({ 'data-theme': 'high-contrast', 'data-text-size': 'larger' });
  });
});
