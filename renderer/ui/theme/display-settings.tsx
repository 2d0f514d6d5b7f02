import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useTranslate } from '../i18n/locale-store';
import type { MessageKey } from '../i18n/catalogue-fr';
import { TEXT_SIZES, type TextSize } from './display-preferences';
import { displayStore, type DisplayState } from './display-store';

const SIZE_LABEL: Record<TextSize, MessageKey> = { normal: 'display.size100', large: 'display.size125', larger: 'display.size150' };

/**
 * Issue 8 §4 — the high-contrast toggle and the text-size choice, beside the language switch in a screen's
 * header: toggle buttons (`aria-pressed`), so a screen reader says which is on.
 */
export function DisplaySettings({ store = displayStore() }: { store?: StoreApi<DisplayState> }) {
  const t = useTranslate();
  const theme = useStore(store, (s) => s.theme);
  const textSize = useStore(store, (s) => s.textSize);
  const { setHighContrast, setTextSize } = store.getState();
  return (
    <div className="display-settings">
      <button type="button" className="contrast-toggle" aria-pressed={theme === 'high-contrast'} onClick={() => setHighContrast(theme !== 'high-contrast')}>
        {t('display.highContrast')}
      </button>
      <div role="group" aria-label={t('display.textSize')} className="text-size">
        <span className="label" aria-hidden="true">{t('display.textSize')}</span>
        {TEXT_SIZES.map((size) => (
          <button key={size} type="button" aria-pressed={textSize === size} onClick={() => setTextSize(size)}>{t(SIZE_LABEL[size])}</button>
        ))}
      </div>
    </div>
  );
}
