import type { KeyboardEvent } from 'react';

/**
 * The keys of a modal dialog drawn in the page (the kiosk's confirmation and its technician's page): Escape closes
 * it, Tab and Shift+Tab stay inside it, going round from its last enabled control to its first and back.
 */
export function handleModalKeys(event: KeyboardEvent<HTMLElement>, dialog: HTMLElement | null, onEscape: () => void,
  focusable = 'input:not([disabled]), button:not([disabled])'): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    onEscape();
    return;
  }
  if (event.key !== 'Tab') return;
  const controls = [...(dialog?.querySelectorAll<HTMLElement>(focusable) ?? [])];
  if (controls.length === 0) {
    event.preventDefault();
    return;
  }
  const first = controls[0]!;
  const last = controls.at(-1)!;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
