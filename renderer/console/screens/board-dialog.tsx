import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog of the board (end a test, extra time, an incident): its heading takes focus, Tab stays inside,
 * Escape or « Annuler » closes it and the focus goes back to the card's button that opened it (else its heading).
 */
export function BoardDialog({ heading, onClose, returnTo, fallbackId, children }: {
  heading: string; onClose(): void; returnTo: HTMLElement | null;
  /** Where the focus goes when the button is gone (the test ended: no « Terminer le test » any more): the card's heading. */
  fallbackId: string; children: ReactNode;
}) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // A layout effect: the focus is back on the card's button in the same commit that removes the dialog.
  useLayoutEffect(() => {
    title.current?.focus();
    return () => {
      if (returnTo && returnTo.isConnected) returnTo.focus();
      else document.getElementById(fallbackId)?.focus();
    };
  }, [returnTo, fallbackId]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') { e.preventDefault(); onClose(); return; }
    if (e.key !== 'Tab' || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>('button, input, select, textarea')].filter((el) => !el.hasAttribute('disabled'));
    if (focusable.length === 0) return;
    const first = focusable[0]!, last = focusable[focusable.length - 1]!;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === title.current)) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  };
  return (
    <div className="dialog-backdrop">
      <div ref={box} role="dialog" aria-modal="true" aria-labelledby={id} className="dialog" onKeyDown={onKeyDown}>
        <h2 id={id} ref={title} tabIndex={-1}>{heading}</h2>
        {children}
      </div>
    </div>
  );
}
