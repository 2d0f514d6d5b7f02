/**
 * The two performance marks `npm run bench:kiosk` reads (issue 8, proof): `passation:answer` when « Je valide » or
 * « Je passe » is handled, `passation:painted` in the `requestAnimationFrame` after the next challenge's heading is
 * in the DOM (the frame that paints it: the browser paints right after its animation-frame callbacks). The time
 * between the two is the answer's whole path on the kiosk: the strict IndexedDB write included, never the network.
 */
export const ANSWER_MARK = 'passation:answer';
export const PAINTED_MARK = 'passation:painted';
/** In between, where the time goes: the answer on disk (timer checkpoint and strict IndexedDB write done)… */
export const KEPT_MARK = 'passation:kept';
/** …and the next challenge's heading in the DOM (React has rendered it; the frame that paints it is still to come). */
export const RENDERED_MARK = 'passation:rendered';

type Marks = Pick<Performance, 'mark'>;

export function markAnswer(performance: Marks = globalThis.performance): void {
  performance.mark(ANSWER_MARK);
}

export function markKept(performance: Marks = globalThis.performance): void {
  performance.mark(KEPT_MARK);
}

/** Called once the heading is rendered (a layout effect): marks that at once, and the paint in the next animation frame. */
export function markPaintedNextFrame(requestFrame: (callback: () => void) => unknown = (c) => requestAnimationFrame(c),
  performance: Marks = globalThis.performance): void {
  performance.mark(RENDERED_MARK);
  requestFrame(() => performance.mark(PAINTED_MARK));
}
