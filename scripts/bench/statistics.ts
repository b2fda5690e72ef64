// Order statistics for timing samples. Percentiles use the nearest-rank method, so every
// reported figure is one of the measured values rather than an interpolation.

export interface LatencySummary {
  /** Number of timed samples, warm-up runs excluded. */
  count: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

/** Returns the nearest-rank percentile `p` (0 < p <= 100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    throw new RangeError('Cannot take a percentile of no samples.');
  }
  if (!(p > 0 && p <= 100)) {
    throw new RangeError(`Percentile ${p} is invalid: it must be in (0, 100].`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function summarizeLatency(samples: readonly number[]): LatencySummary {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}
