// Statistics for the model evaluation, matching scipy.stats.spearmanr and the
// Python pipeline's macro-F1.

/** Returns 1-based ranks, giving tied values the mean of their ranks (as scipy's rankdata 'average'). */
export function averageRanks(values: ArrayLike<number>): number[] {
  const order = Array.from({ length: values.length }, (_, index) => index).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] as number] === values[order[start] as number]) {
      end += 1;
    }
    const meanRank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position += 1) {
      ranks[order[position] as number] = meanRank;
    }
    start = end + 1;
  }
  return ranks;
}

export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length || x.length < 2) {
    throw new Error(`Pearson correlation needs two equally long series of at least 2 values, got ${x.length} and ${y.length}`);
  }
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i += 1) {
    meanX += x[i] as number;
    meanY += y[i] as number;
  }
  meanX /= n;
  meanY /= n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  return covariance / Math.sqrt(varianceX * varianceY);
}

export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(averageRanks(x), averageRanks(y));
}

export function meanAbsoluteDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length || x.length === 0) {
    throw new Error(`mean absolute difference needs two equally long, non-empty series, got ${x.length} and ${y.length}`);
  }
  let total = 0;
  for (let i = 0; i < x.length; i += 1) {
    total += Math.abs((x[i] as number) - (y[i] as number));
  }
  return total / x.length;
}

export function accuracy(actual: readonly boolean[], predicted: readonly boolean[]): number {
  let agreeing = 0;
  actual.forEach((value, index) => {
    if (value === predicted[index]) {
      agreeing += 1;
    }
  });
  return agreeing / actual.length;
}

/** Returns the mean F1 of the positive and the negative class; a class with no predictions or members scores 0. */
export function macroF1(actual: readonly boolean[], predicted: readonly boolean[]): number {
  const f1For = (positive: boolean): number => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    actual.forEach((value, index) => {
      const guess = predicted[index];
      if (guess === positive && value === positive) truePositives += 1;
      if (guess === positive && value !== positive) falsePositives += 1;
      if (guess !== positive && value === positive) falseNegatives += 1;
    });
    const precision = truePositives + falsePositives > 0 ? truePositives / (truePositives + falsePositives) : 0;
    const recall = truePositives + falseNegatives > 0 ? truePositives / (truePositives + falseNegatives) : 0;
    return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  };
  return (f1For(true) + f1For(false)) / 2;
}
