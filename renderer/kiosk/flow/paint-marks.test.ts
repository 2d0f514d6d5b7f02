import { describe, expect, it } from 'vitest';
import { ANSWER_MARK, markAnswer, markPaintedNextFrame, PAINTED_MARK } from './paint-marks';

describe('the benchmark’s performance marks', () => {
  it('the answer mark at once; the painted mark only in the next animation frame', () => {
    const marks: string[] = [];
    const performance = { mark: (name: string) => { marks.push(name); return undefined as unknown as PerformanceMark; } };
    const frames: (() => void)[] = [];
    markAnswer(performance);
    markPaintedNextFrame((callback) => frames.push(callback), performance);
    expect(marks).toEqual([ANSWER_MARK]);
    frames.forEach((f) => f());
    expect(marks).toEqual(['passation:answer', 'passation:painted']);
    expect(PAINTED_MARK).toBe('passation:painted');
  });
});
