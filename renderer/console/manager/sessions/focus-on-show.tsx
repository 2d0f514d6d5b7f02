import { useEffect, useRef, type ReactNode } from 'react';

/** A section's `<h2>` that takes the focus when it appears (a form opened, a result shown): a screen reader reads it first. */
export function FocusedSubheading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return <h2 ref={ref} id={id} tabIndex={-1} className="section-heading">{children}</h2>;
}
