/**
 * The two performance marks `npm run bench:kiosk` reads (issue 8, proof): `passation:answer` when « Je valide » or
 * « Je passe » is handled, `passation:painted` in the `requestAnimationFrame` after the next challenge's heading is
 * in the DOM (the frame that paints it: the browser paints right after its animation-frame callbacks). The time
 * between the two is the answer's whole path on the kiosk: the strict IndexedDB write included, never the network.
 */
export const ANSWER_MARK = 'passation:answer';
export const PAINTED_MARK = 'passation:painted';

type Marks = Pick<Performance, 'mark'>;

export function markAnswer(performance: Marks = globalThis.performance): void {
  performance.mark(ANSWER_MARK);
}

/** Called once the heading is rendered (a layout effect): marks in the next animation frame. */
export function markPaintedNextFrame(requestFrame: (callback: () => void) => unknown = (c) => requestAnimationFrame(c),
  performance: Marks = globalThis.performance): void {
  requestFrame(() => performance.mark(PAINTED_MARK));
}
