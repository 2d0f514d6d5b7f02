import { useEffect, useRef, type ReactNode } from 'react';

/** A section's `<h2>` that takes the focus when it appears (a form opened, a result shown): a screen reader reads it first. */
export function FocusedSubheading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return <h2 ref={ref} id={id} tabIndex={-1} className="section-heading">{children}</h2>;
}

/** A dialog's « Fermer » that takes the focus when it replaces the dialog's action (a refusal): Escape and Tab keep working. */
export function FocusedButton({ children, onClick }: { children: ReactNode; onClick(): void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return <button ref={ref} type="button" onClick={onClick}>{children}</button>;
}
