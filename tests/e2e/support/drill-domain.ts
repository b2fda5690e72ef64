// A domain of drill terms, the rows that the learning specs seed before they open a screen.

import type { Domain, Term } from '../../../src/storage/records';
import { DRILL_TERMS, makeDomain, makeTerm } from '../learning-helpers';

export interface DrillDomain {
  domain: Domain;
  terms: Term[];
}

/**
 * Returns a domain with the first `count` drill terms, in drill order. Each term's id is
 * `t-` and its prompt in lower case, such as `t-api`, and its one reference is the drill
 * definition.
 */
export function makeDrillDomain(id: string, name: string, count: number = DRILL_TERMS.length): DrillDomain {
  const domain = makeDomain(id, name);
  const terms = DRILL_TERMS.slice(0, count).map((term, index) =>
    makeTerm(`t-${term.prompt.toLowerCase()}`, domain.id, term.prompt, term.definition, index),
  );
  return { domain, terms };
}
