// uPlot options and data for the progress charts. Each builder returns plain options,
// so the chart component only has to size and mount them.

import uPlot from 'uplot';
import { dayAccuracy, type DayActivity, type MissedTerm, type TermStageCounts } from '../../../learning/progress-stats';

export interface ChartSpec {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
}

// Canvas drawing cannot read CSS custom properties, so these repeat the palette of styles.css.
const COLOR_PRIMARY = '#1d4e89';
const COLOR_PASS = '#1e6b34';
const COLOR_FAIL = '#a4161a';
const COLOR_MUTED = '#4f5863';
const COLOR_GRID = '#e3e7ec';
const FONT = '12px system-ui, sans-serif';

const axisStyle = {
  stroke: COLOR_MUTED,
  font: FONT,
  grid: { stroke: COLOR_GRID, width: 1 },
  ticks: { stroke: COLOR_GRID, width: 1 },
};

/** Bars that fill at most 60 % of a category's width, and at most 48 px. */
function barPaths(): uPlot.Series.PathBuilder {
  const bars = uPlot.paths.bars;
  if (bars === undefined) {
    throw new Error('This build of uPlot has no bar path builder.');
  }
  return bars({ size: [0.6, 48] });
}

function categoryAxisValues(labels: readonly string[]): uPlot.Axis.DynamicValues {
  return (_chart, splits) => splits.map((split) => labels[split] ?? '');
}

function categoryIndexes(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

/** Whole-number ticks, so counts never show as 0.5. */
function wholeNumberSplits(_chart: uPlot, _axis: number, min: number, max: number): number[] {
  const span = Math.max(1, Math.ceil(max) - Math.floor(min));
  const step = Math.max(1, Math.ceil(span / 5));
  const splits: number[] = [];
  for (let value = Math.max(0, Math.floor(min)); value <= max; value += step) {
    splits.push(value);
  }
  return splits;
}

export const STAGE_LABELS = ['New', 'Learning', 'Learned', 'Due now'] as const;

/** Bars of terms per stage. */
export function stageChart(counts: TermStageCounts): ChartSpec {
  const values = [counts.new, counts.learning, counts.learned, counts.due];
  const indexes = categoryIndexes(values.length);
  return {
    data: [indexes, values],
    options: {
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [-0.5, values.length - 0.5] },
        y: { range: (_chart, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        { ...axisStyle, splits: () => indexes, values: categoryAxisValues(STAGE_LABELS), grid: { show: false } },
        { ...axisStyle, splits: wholeNumberSplits, size: 40 },
      ],
      series: [{}, { label: 'Terms', fill: COLOR_PRIMARY, stroke: COLOR_PRIMARY, paths: barPaths(), points: { show: false } }],
    },
  };
}

function daySeconds(days: readonly DayActivity[]): number[] {
  return days.map((day) => day.dayStart / 1000);
}

/**
 * Steps between day ticks, in seconds: whole days only, so that a short range does not
 * repeat one date at several hours of the day.
 */
const DAY_TICK_STEPS = [86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400];

/** Axis labels for days, such as "3 Mar". */
function dayAxisValues(): uPlot.Axis.DynamicValues {
  const format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
  return (_chart, splits) => splits.map((split) => format.format(new Date(split * 1000)));
}

/** Half a day either side, so that the first and last day's marks are not cut in half. */
function dayRange(days: readonly DayActivity[]): uPlot.Scale.Range {
  const seconds = daySeconds(days);
  const first = seconds[0] ?? 0;
  const last = seconds.at(-1) ?? first;
  return [first - 43_200, last + 43_200];
}

/** Share of passes per day, in percent; days without answers are gaps in the line. */
export function accuracyChart(days: readonly DayActivity[]): ChartSpec {
  return {
    data: [daySeconds(days), days.map((day) => {
      const accuracy = dayAccuracy(day);
      return accuracy === null ? null : Math.round(accuracy * 1000) / 10;
    })],
    options: {
      legend: { show: false },
      scales: { x: { time: true, range: dayRange(days) }, y: { range: [0, 100] } },
      axes: [
        { ...axisStyle, values: dayAxisValues(), incrs: DAY_TICK_STEPS, space: 60 },
        { ...axisStyle, values: (_chart, splits) => splits.map((split) => `${split}%`), size: 48 },
      ],
      series: [
        {},
        {
          label: 'Passed',
          stroke: COLOR_PASS,
          width: 2,
          points: { show: true, size: 7, fill: COLOR_PASS },
        },
      ],
    },
  };
}

/** Bars of answers per day. */
export function answersChart(days: readonly DayActivity[]): ChartSpec {
  return {
    // A day without answers draws no bar, rather than a hairline at zero.
    data: [daySeconds(days), days.map((day) => (day.answers === 0 ? null : day.answers))],
    options: {
      legend: { show: false },
      scales: {
        x: { time: true, range: dayRange(days) },
        y: { range: (_chart, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        { ...axisStyle, values: dayAxisValues(), incrs: DAY_TICK_STEPS, space: 60 },
        { ...axisStyle, splits: wholeNumberSplits, size: 40 },
      ],
      series: [{}, { label: 'Answers', fill: COLOR_PRIMARY, stroke: COLOR_PRIMARY, paths: barPaths(), points: { show: false } }],
    },
  };
}

/** Longest prompt shown on the missed-terms axis; longer ones end in an ellipsis. */
const MAX_PROMPT_LABEL = 18;

function shortLabel(prompt: string): string {
  return prompt.length <= MAX_PROMPT_LABEL ? prompt : `${prompt.slice(0, MAX_PROMPT_LABEL - 1)}…`;
}

/** Horizontal bars of misses per term, the most missed at the top. */
export function missedChart(missed: readonly MissedTerm[]): ChartSpec {
  const indexes = categoryIndexes(missed.length);
  const labels = missed.map((term) => shortLabel(term.prompt));
  return {
    data: [indexes, missed.map((term) => term.misses)],
    options: {
      legend: { show: false },
      cursor: { show: false },
      scales: {
        // The category scale runs top to bottom, so the first (most missed) term is on top.
        x: { time: false, ori: 1, dir: -1, range: [-0.5, Math.max(missed.length, 1) - 0.5] },
        y: { ori: 0, range: (_chart, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        { ...axisStyle, side: 3, splits: () => indexes, values: categoryAxisValues(labels), grid: { show: false }, size: 150 },
        { ...axisStyle, side: 2, splits: wholeNumberSplits },
      ],
      series: [{}, { label: 'Misses', fill: COLOR_FAIL, stroke: COLOR_FAIL, paths: barPaths(), points: { show: false } }],
    },
  };
}

/** Height in CSS pixels that fits one bar row per missed term. */
export function missedChartHeight(count: number): number {
  return Math.max(160, 48 + 32 * count);
}
