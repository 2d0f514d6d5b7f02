import { inputKeys, selectKeys } from '../certification/validation';
import type { Answer, ValidationChallenge } from '../formats/challenge';

/**
 * Answers a simulated candidate gives: the demo, the benchmarks and the load generators use them.
 * A right answer is built from the solution (first variant of each field); a wrong one never matches.
 */
export function rightAnswerFor(challenge: ValidationChallenge): Answer {
  switch (challenge.type) {
    case 'QCU': return { choice: challenge.solution.choice };
    case 'QCM': return { choices: [...challenge.solution.choices].reverse() };
    case 'QROC': return { value: challenge.solution.variants[0]! };
    case 'QROCM-ind': return { values: Object.fromEntries(Object.entries(challenge.solution.fields).map(([k, v]) => [k, v[0]!])) };
    case 'QROCM-dep': {
      const keys = challenge.proposals ? [...inputKeys(challenge.proposals), ...selectKeys(challenge.proposals)] : challenge.solution.groups.map((_, i) => `n${i + 1}`);
      return { values: Object.fromEntries(keys.map((k, i) => [k, challenge.solution.groups[i]?.[0] ?? ''])) };
    }
  }
}

export function wrongAnswerFor(challenge: ValidationChallenge): Answer {
  switch (challenge.type) {
    case 'QCU': return { choice: challenge.solution.choice === '1' ? '2' : '1' };
    case 'QCM': return { choices: ['99'] };
    case 'QROC': return { value: 'zzzz qqqq wwww' };
    case 'QROCM-ind': return { values: Object.fromEntries(Object.keys(challenge.solution.fields).map((k) => [k, 'zzzz qqqq wwww'])) };
    case 'QROCM-dep': return { values: { n1: 'zzzz qqqq wwww' } };
  }
}
