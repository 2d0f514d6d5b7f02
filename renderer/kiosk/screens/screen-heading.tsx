import { useEffect, useRef } from 'react';

/** Each screen's heading: focus moves to it when the screen appears, so a screen reader reads the new screen. */
export function ScreenHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return <h1 ref={ref} tabIndex={-1} className="screen-heading">{children}</h1>;
}
