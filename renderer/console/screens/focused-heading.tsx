import { useEffect, useRef, type ReactNode } from 'react';

/** The screen's `<h1>`, focused when the screen appears (so a screen reader starts there). */
export function FocusedHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return <h1 ref={ref} tabIndex={-1} className="screen-heading">{children}</h1>;
}
