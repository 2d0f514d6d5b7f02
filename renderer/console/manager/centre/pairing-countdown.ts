/** How long a pairing code stays valid, as the console counts it down (the station decides: its `expiresAt`). */

/** Whole seconds left until `expiresAt` (0 once passed; rounded up, so « 0 » shows only when it has expired). */
export function secondsLeft(expiresAt: string, nowMs: number): number {
  const end = Date.parse(expiresAt);
  if (Number.isNaN(end)) return 0;
  return Math.max(0, Math.ceil((end - nowMs) / 1000));
}

/** Minutes and seconds, for the catalogue's « {minutes} min {seconds} s ». */
export function minutesAndSeconds(seconds: number): { minutes: number; seconds: number } {
  return { minutes: Math.floor(seconds / 60), seconds: seconds % 60 };
}

/** The code in two groups of three for the eye (« 184 838 »), with a no-break space. */
export function codeForTheEye(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)}\u00A0${code.slice(3)}` : code;
}

/** The code digit by digit for a screen reader (« 1 8 4 8 3 8 »), never read as a number. */
export function codeForTheEar(code: string): string {
  return [...code].join(' ');
}
