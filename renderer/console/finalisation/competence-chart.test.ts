import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartGeometry } from './competence-chart';

// The review's bars (R-SCORE-7: a competence brings at most 8 × maxLevel pix), property-based.

const marks = fc.uniqueArray(fc.record({ code: fc.constantFrom('1.1', '1.2', '1.3', '2.1', '2.2', '3.1', '3.4', '4.1', '5.2'), pix: fc.integer({ min: 0, max: 200 }), level: fc.integer({ min: -1, max: 8 }) }),
  { selector: (m) => m.code, maxLength: 9 });
const maxPix = fc.integer({ min: 1, max: 8 }).map((level) => 8 * level);

describe('chartGeometry', () => {
  it('property: no bar runs past the axis, 0 pix draws nothing, the order is kept, lengths grow with pix', () => {
    fc.assert(fc.property(marks, maxPix, (list, max) => {
      const g = chartGeometry(list, max);
      expect(g.bars.map((b) => b.code)).toEqual(list.map((m) => m.code));
      g.bars.forEach((b, i) => {
        expect(b.length).toBeGreaterThanOrEqual(0);
        expect(b.length).toBeLessThanOrEqual(g.axisLength);
        expect(g.axisX + b.length).toBeLessThanOrEqual(g.width);
        if (b.pix === 0) expect(b.length).toBe(0);
        else expect(b.length).toBeGreaterThan(0);
        expect(b.y).toBe(i * g.rowHeight);
        expect(b.y + g.rowHeight).toBeLessThanOrEqual(g.axisY);
      });
      for (const a of g.bars) for (const b of g.bars) if (a.pix <= b.pix) expect(a.length).toBeLessThanOrEqual(b.length);
      expect(g.ticks[0]).toEqual({ pix: 0, x: g.axisX });
      expect(g.ticks.at(-1)).toEqual({ pix: max, x: g.axisX + g.axisLength });
    }));
  });

  it('draws the full axis at the cap, half of it at half the cap', () => {
    const g = chartGeometry([{ code: '1.1', pix: 40, level: 5 }, { code: '1.2', pix: 20, level: 2 }, { code: '2.1', pix: 0, level: -1 }], 40);
    expect(g.bars.map((b) => b.length)).toEqual([g.axisLength, g.axisLength / 2, 0]);
    expect(g.ticks.map((t) => t.pix)).toEqual([0, 8, 16, 24, 32, 40]);
  });

  it('an axis of 0 pix draws no bar and no graduation', () => {
    const g = chartGeometry([{ code: '1.1', pix: 12, level: 1 }], 0);
    expect(g.bars[0]!.length).toBe(0);
    expect(g.ticks).toEqual([]);
  });
});
