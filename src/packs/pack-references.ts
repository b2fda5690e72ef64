// Checks that JSON Schema cannot express: ids unique within the file, prompts unique within
// a subdomain, and every reference pointing at something the file defines.

import { matchKey } from '../storage/validation';
import type { Pack } from './pack-format';
import { jsonPath, type PackProblem } from './pack-problems';

function findDuplicateIds(items: readonly { id: string }[], arrayName: string, itemLabel: string): PackProblem[] {
  const firstIndex = new Map<string, number>();
  const problems: PackProblem[] = [];
  items.forEach((item, index) => {
    const earlier = firstIndex.get(item.id);
    if (earlier === undefined) {
      firstIndex.set(item.id, index);
      return;
    }
    const path = jsonPath([arrayName, index, 'id']);
    problems.push({
      code: 'duplicate-id',
      message: `${itemLabel} id "${item.id}" at ${path} is already used by ${jsonPath([arrayName, earlier])}; ids must be unique.`,
      path,
    });
  });
  return problems;
}

/**
 * Returns a problem for each term whose prompt an earlier term of the same subdomain has
 * (ignoring case and spacing): an import would merge the two into one term.
 */
function findRepeatedPrompts(pack: Pack): PackProblem[] {
  const firstIndex = new Map<string, number>();
  const problems: PackProblem[] = [];
  pack.terms.forEach((term, index) => {
    const key = `${term.subdomainId ?? ''}\u0000${matchKey(term.prompt)}`;
    const earlier = firstIndex.get(key);
    if (earlier === undefined) {
      firstIndex.set(key, index);
      return;
    }
    const path = jsonPath(['terms', index, 'prompt']);
    problems.push({
      code: 'duplicate-prompt',
      message:
        `${path} "${term.prompt}" repeats the prompt of ${jsonPath(['terms', earlier])} in the same subdomain, so an import ` +
        'would merge them. Rename one, or move its definitions into the other.',
      path,
    });
  });
  return problems;
}

/** Returns problems with ids, prompts and references in a pack that passed the schema. */
export function checkPackReferences(pack: Pack): PackProblem[] {
  const problems = [
    ...findDuplicateIds(pack.subdomains, 'subdomains', 'Subdomain'),
    ...findDuplicateIds(pack.terms, 'terms', 'Term'),
    ...findRepeatedPrompts(pack),
  ];
  const subdomainIds = new Set(pack.subdomains.map((subdomain) => subdomain.id));
  pack.terms.forEach((term, index) => {
    if (term.subdomainId !== undefined && !subdomainIds.has(term.subdomainId)) {
      const path = jsonPath(['terms', index, 'subdomainId']);
      problems.push({
        code: 'unknown-subdomain',
        message: `${path} (term "${term.prompt}") is "${term.subdomainId}", but no subdomain in $.subdomains has that id.`,
        path,
      });
    }
  });
  const terms = new Map(pack.terms.map((term) => [term.id, term]));
  pack.progress?.attempts.forEach((attempt, index) => {
    const term = terms.get(attempt.termId);
    if (term === undefined) {
      const path = jsonPath(['progress', 'attempts', index, 'termId']);
      problems.push({
        code: 'unknown-term',
        message: `${path} is "${attempt.termId}", but no term in $.terms has that id.`,
        path,
      });
      return;
    }
    const referenceIndex = attempt.bestReferenceIndex;
    if (referenceIndex !== undefined && referenceIndex !== null && referenceIndex >= term.definitions.length) {
      const path = jsonPath(['progress', 'attempts', index, 'bestReferenceIndex']);
      problems.push({
        code: 'out-of-range',
        message: `${path} is ${referenceIndex}, but term "${term.prompt}" has only ${term.definitions.length} definitions.`,
        path,
      });
    }
  });
  return problems;
}
