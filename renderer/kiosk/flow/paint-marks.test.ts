import { describe, expect, it } from 'vitest';
import { ANSWER_MARK, KEPT_MARK, markAnswer, markKept, markPaintedNextFrame, PAINTED_MARK, RENDERED_MARK } from './paint-marks';

describe('the benchmark’s performance marks', () => {
  it('the answer and kept marks at once; rendered when the heading is in the DOM, painted only in the next animation frame', () => {
    const marks: string[] = [];
    const performance = { mark: (name: string) => { marks.push(name); return undefined as unknown as PerformanceMark; } };
    const frames: (() => void)[] = [];
    markAnswer(performance);
    markKept(performance);
    markPaintedNextFrame((callback) => frames.push(callback), performance);
    expect(marks).toEqual([ANSWER_MARK, KEPT_MARK, RENDERED_MARK]);
    frames.forEach((f) => f());
    expect(marks).toEqual(['passation:answer', 'passation:kept', 'passation:rendered', 'passation:painted']);
    expect(PAINTED_MARK).toBe('passation:painted');
  });
});
