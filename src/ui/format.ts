/** Formats a byte count as megabytes (10^6 bytes) with one decimal, such as "23.7". */
export function formatMegabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/** Formats a score in [0, 1] with two decimals, such as "0.82". */
export function formatScore(score: number): string {
  return score.toFixed(2);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
