/**
 * bench:console's pairing (pure, tested by console-bench.test.ts): each answer a simulated kiosk sent, at the
 * wall-clock time the bench process read when sending it, with the first moment the console page showed that
 * answer on the pupil's card, at the wall-clock time the page read (both `Date.now()`: one system clock, 1 ms).
 */

/** One answer sent: the pupil's name as their card heading shows it, its rank in their test (1-based), when. */
export interface SentAnswer { name: string; answer: number; at: number }

/** A card whose text changed, as the page's MutationObserver saw it: when in the DOM, and in which frame painted. */
export interface ShownCard { name: string; text: string; domAt: number; paintedAt: number }

export interface CardLatency { domMs: number; paintedMs: number }

/**
 * How many answers a card shows as given: « Question i sur N » is the i-th question on screen, so i − 1 answers;
 * « Test terminé » (the state line, capital T) all of them; anything else (not started, waiting…) none known.
 */
export function cardProgress(text: string): number | null {
  const question = /Question (\d+) sur (\d+)/.exec(text);
  if (question) return Number(question[1]) - 1;
  if (/Test terminé/.test(text)) return Number.POSITIVE_INFINITY;
  return null;
}

/**
 * Each answer paired with the first change of its card that shows it (progress ≥ its rank), in the page's order;
 * `missing`: answers never shown (the run ended first, or the console missed them).
 */
export function cardLatencies(sent: readonly SentAnswer[], shown: readonly ShownCard[]): { latencies: CardLatency[]; missing: number } {
  const byName = new Map<string, { progress: number; domAt: number; paintedAt: number }[]>();
  for (const s of shown) {
    const progress = cardProgress(s.text);
    if (progress === null) continue;
    let list = byName.get(s.name);
    if (!list) byName.set(s.name, (list = []));
    list.push({ progress, domAt: s.domAt, paintedAt: s.paintedAt });
  }
  for (const list of byName.values()) list.sort((a, b) => a.domAt - b.domAt);
  const latencies: CardLatency[] = [];
  let missing = 0;
  for (const answer of sent) {
    const first = byName.get(answer.name)?.find((s) => s.progress >= answer.answer);
    if (first) latencies.push({ domMs: first.domAt - answer.at, paintedMs: first.paintedAt - answer.at });
    else missing += 1;
  }
  return { latencies, missing };
}
