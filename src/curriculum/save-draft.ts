// Stores the accepted part of a reviewed draft as a new domain, in one transaction.
import type { TutorDatabase } from '../storage/database';
import { insertDomainDraft, type DomainDraft, type SubdomainDraft } from '../storage/domain-drafts';
import { InvalidInputError } from '../storage/errors';
import type { Domain } from '../storage/records';
import { normalizePrompt } from './definition-quality';
import { SOURCE_SEPARATOR, type CurriculumDraft } from './draft';

/**
 * Returns the storage draft of the accepted terms, grouped by subdomain; subdomains
 * without an accepted term are left out. Raises InvalidInputError when nothing is
 * accepted, or when two accepted terms have the same prompt.
 */
export function acceptedDomainDraft(draft: CurriculumDraft): DomainDraft {
  const subdomains: SubdomainDraft[] = [];
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const subdomain of draft.subdomains) {
    const accepted = subdomain.terms.filter((term) => term.accepted);
    if (accepted.length === 0) {
      continue;
    }
    for (const term of accepted) {
      const key = normalizePrompt(term.prompt);
      if (seen.has(key)) {
        duplicates.push(`"${term.prompt}" (in "${seen.get(key) ?? ''}" and "${subdomain.name}")`);
      }
      seen.set(key, subdomain.name);
    }
    subdomains.push({
      name: subdomain.name,
      scope: subdomain.scope,
      terms: accepted.map((term) => ({
        prompt: term.prompt,
        definitions: [term.definition],
        source: term.sources.join(SOURCE_SEPARATOR),
      })),
    });
  }
  if (subdomains.length === 0) {
    throw new InvalidInputError('Accepted terms', 'No term is accepted; tick "Accept" on the terms to keep, then save.');
  }
  if (duplicates.length > 0) {
    throw new InvalidInputError(
      'Accepted terms',
      `These accepted terms have the same prompt: ${duplicates.join(', ')}. Edit or un-accept one of each pair, then save.`,
    );
  }
  return { name: draft.domainName, description: draft.notes, subdomains };
}

/**
 * Stores the accepted terms as a new domain with their subdomains, all in one
 * transaction: when anything fails, nothing is stored. Raises InvalidInputError for an
 * invalid draft or a domain name already in use, and StorageWriteError when IndexedDB
 * rejects the write.
 */
export async function saveAcceptedTerms(db: TutorDatabase, draft: CurriculumDraft): Promise<Domain> {
  return insertDomainDraft(db, acceptedDomainDraft(draft));
}
