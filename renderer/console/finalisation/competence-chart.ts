import type { CompetenceMark } from '../../../shared/formats/scoring';

/**
 * The geometry of one candidate's chart, pure: a horizontal bar per tested competence, its length the
 * competence's pix over the most it can bring (R-SCORE-7: 8 × maxLevel), in the marks' order; the axis graduated
 * per level (every 8 pix). A bar never runs past the axis; 0 pix draws no bar.
 */
export interface ChartBar {
  code: string;
  pix: number;
  level: number;
  /** Top of the bar's row. */
  y: number;
  /** The bar's length from the axis' start; 0 draws nothing. */
  length: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** Where the axis starts (after the competence codes) and how long it is. */
  axisX: number;
  axisLength: number;
  rowHeight: number;
  barHeight: number;
  bars: ChartBar[];
  /** The graduations: one per level (8 pix), with their x. */
  ticks: { pix: number; x: number }[];
  /** Where the axis and its graduations' labels are. */
  axisY: number;
}

export const CHART = { width: 520, labelWidth: 44, valueWidth: 150, rowHeight: 28, barHeight: 18, axisHeight: 24, pixPerTick: 8 } as const;

export function chartGeometry(marks: readonly Pick<CompetenceMark, 'code' | 'pix' | 'level'>[], maxPix: number): ChartGeometry {
  const axisX = CHART.labelWidth;
  const axisLength = CHART.width - CHART.labelWidth - CHART.valueWidth;
  const scale = (pix: number) => (maxPix > 0 ? Math.min(1, Math.max(0, pix / maxPix)) * axisLength : 0);
  const bars = marks.map((m, i) => ({ code: m.code, pix: m.pix, level: m.level, y: i * CHART.rowHeight, length: m.pix > 0 ? scale(m.pix) : 0 }));
  const axisY = marks.length * CHART.rowHeight;
  const ticks: { pix: number; x: number }[] = [];
  if (maxPix > 0) for (let pix = 0; pix <= maxPix; pix += CHART.pixPerTick) ticks.push({ pix, x: axisX + scale(pix) });
  return {
    width: CHART.width, height: axisY + CHART.axisHeight, axisX, axisLength, rowHeight: CHART.rowHeight,
    barHeight: CHART.barHeight, bars, ticks, axisY,
  };
}
