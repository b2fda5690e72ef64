import type { Term } from '../storage/records';

/** Lower-cases and strips accents, so "cafe" finds "Café". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();
}

/**
 * Returns the terms whose prompt or definitions contain every word of `query`,
 * ignoring case and accents, in their original order. An empty query returns all terms.
 */
export function searchTerms(terms: readonly Term[], query: string): Term[] {
  const words = fold(query).split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) {
    return [...terms];
  }
  return terms.filter((term) => {
    const haystack = fold([term.prompt, ...term.definitions].join('\n'));
    return words.every((word) => haystack.includes(word));
  });
}
