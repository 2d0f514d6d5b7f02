import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addConsoleWords } from '../../renderer/console/i18n/console-words';
import { translate } from '../../renderer/ui/i18n/translate';
import { entryFiles, kioskFile, kioskSizes } from '../kiosk-bench/kiosk-size';
import { cardLatencies, cardProgress, type SentAnswer, type ShownCard } from './card-latency';

addConsoleWords();

// bench:console's pieces (scripts/console-bench/), quickly: what a card says it shows, the pairing of each answer
// with the card change that shows it, the console's files. Nothing about the times measured.

describe('cardProgress', () => {
  it('reads the state line the console words (« Question i sur N » after i − 1 answers, « Test terminé » after all)', () => {
    const state = (n: number) => translate('fr', 'board.state.question', { n, total: 15 });
    expect(cardProgress(`Marie Dupont${state(1)}Poste : Poste 3`)).toBe(0);
    expect(cardProgress(`Marie Dupont${state(8)}${translate('fr', 'board.lastEvent.answered', { time: new Date(), n: 7 })}`)).toBe(7);
    expect(cardProgress(`Zoé Petit${translate('fr', 'board.state.completed')}${translate('fr', 'board.lastEvent.completed', { time: new Date() })}`)).toBe(Number.POSITIVE_INFINITY);
    // The last event alone (« — a répondu à la question 7 », « — fin du test ») is not the state line.
    expect(cardProgress(translate('fr', 'board.lastEvent.answered', { time: new Date(), n: 7 }))).toBeNull();
    expect(cardProgress(translate('fr', 'board.lastEvent.completed', { time: new Date() }))).toBeNull();
    expect(cardProgress(`Léo Bernard${translate('fr', 'board.state.waitingForPresence')}`)).toBeNull();
  });
});

describe('cardLatencies', () => {
  it('pairs each answer with the first change of its card showing it, whatever the order the page saw them', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ pupil: fc.integer({ min: 0, max: 3 }), gapMs: fc.integer({ min: 1, max: 5000 }), shownAfterMs: fc.integer({ min: 0, max: 2000 }) }), { maxLength: 40 }),
      fc.integer({ min: 0, max: 2 ** 31 }),
      (steps, shuffleSeed) => {
        const sent: SentAnswer[] = [];
        const shown: ShownCard[] = [];
        const ranks = [0, 0, 0, 0];
        const expected: number[] = [];
        let clock = 1_700_000_000_000;
        for (const step of steps) {
          clock += step.gapMs;
          ranks[step.pupil]! += 1;
          const name = `Élève ${step.pupil}`;
          sent.push({ name, answer: ranks[step.pupil]!, at: clock });
          shown.push({ name, text: `${name}Question ${ranks[step.pupil]! + 1} sur 99`, domAt: clock + step.shownAfterMs, paintedAt: clock + step.shownAfterMs + 16 });
          expected.push(step.shownAfterMs);
        }
        // Each card's changes in time order are what the page records; answers of a pupil shown late are shown by a
        // later change when it comes first (two answers in one push).
        const shuffled = [...shown].sort((a, b) => ((a.domAt * 7919 + shuffleSeed) % 1009) - ((b.domAt * 7919 + shuffleSeed) % 1009));
        const { latencies, missing } = cardLatencies(sent, shuffled);
        expect(missing).toBe(0);
        expect(latencies).toHaveLength(sent.length);
        latencies.forEach((l, i) => {
          expect(l.domMs).toBeLessThanOrEqual(expected[i]!);
          expect(l.domMs).toBeGreaterThanOrEqual(0);
          expect(l.paintedMs).toBe(l.domMs + 16);
        });
      },
    ));
  });

  it('an answer its card never showed is missing, not paired with another pupil’s card', () => {
    const sent: SentAnswer[] = [{ name: 'A', answer: 1, at: 1000 }, { name: 'B', answer: 1, at: 1000 }, { name: 'A', answer: 2, at: 2000 }];
    const shown: ShownCard[] = [
      { name: 'A', text: 'AQuestion 2 sur 15', domAt: 1050, paintedAt: 1060 },
      { name: 'C', text: 'CQuestion 5 sur 15', domAt: 1010, paintedAt: 1020 },
    ];
    expect(cardLatencies(sent, shown)).toEqual({ latencies: [{ domMs: 50, paintedMs: 60 }], missing: 2 });
  });
});

describe('the console’s files', () => {
  it('reads /console/ addresses, and refuses the kiosk’s', () => {
    expect(kioskFile('https://127.0.0.1:4443/console/assets/index-a.js', '/console/')).toBe('assets/index-a.js');
    expect(() => kioskFile('/kiosk/assets/a.js', '/console/')).toThrow('n’est pas une adresse de la console');
    expect(entryFiles('<script type="module" src="/console/assets/index-a.js"></script><link rel="stylesheet" href="/console/assets/s.css">', '/console/'))
      .toEqual(['assets/index-a.js', 'assets/s.css']);
  });

  const dist = path.resolve(__dirname, '..', '..', 'dist', 'console');
  it.skipIf(!fs.existsSync(path.join(dist, 'index.html')))('measures the built console (dist/console/) without a service worker', () => {
    const sizes = kioskSizes(dist, entryFiles(fs.readFileSync(path.join(dist, 'index.html'), 'utf8'), '/console/'));
    expect(sizes.js.length).toBeGreaterThan(0);
    expect(sizes.serviceWorker).toBeNull();
    for (const f of sizes.js) expect(f.gzBytes).toBeLessThan(f.bytes);
  });
});
