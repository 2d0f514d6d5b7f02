/**
 * The audible cue of the board (issue 10 §1): two short soft tones made by the Web Audio API (nothing fetched, so
 * the CSP's `media-src` is not involved). A browser that blocks sound before a click stays silent: the visible
 * cue is the one that counts. Where the page has no Web Audio (jsdom), it does nothing.
 */
export function createChime(win: { AudioContext?: typeof AudioContext } = window as unknown as { AudioContext?: typeof AudioContext }): () => void {
  let context: AudioContext | null = null;
  return () => {
    const Context = win.AudioContext;
    if (!Context) return;
    context ??= new Context();
    const start = context.currentTime;
    for (const [offset, frequency] of [[0, 660], [0.18, 880]] as const) {
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15);
      tone.connect(gain).connect(context.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.16);
    }
  };
}
