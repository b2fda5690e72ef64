import type { Subdomain, Term } from '../storage/records';
import { compareTermsByPrompt } from '../storage/terms';

/**
 * Orders terms as the domain screen lists them: by subdomain position, then by prompt,
 * with terms outside any known subdomain last.
 */
export function orderTermsForQuiz(terms: readonly Term[], subdomains: readonly Subdomain[]): Term[] {
  const positions = new Map(subdomains.map((subdomain) => [subdomain.id, subdomain.position]));
  const positionOf = (term: Term): number => positions.get(term.subdomainId) ?? Number.POSITIVE_INFINITY;
  return [...terms].sort((a, b) => {
    const byPosition = positionOf(a) - positionOf(b);
    if (byPosition !== 0 && !Number.isNaN(byPosition)) {
      return byPosition;
    }
    return compareTermsByPrompt(a, b);
  });
}

/** Returns a shuffled copy (Fisher-Yates); `random` returns numbers in [0, 1). */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
