import type { TutorDatabase } from './database';
import { assertDomainNameFree } from './domains';
import { runWrite } from './errors';
import { newId } from './ids';
import type { Domain, Subdomain, Term } from './records';
import {
  MAX_NAME_LENGTH,
  MAX_PROMPT_LENGTH,
  MAX_SOURCE_LENGTH,
  optionalText,
  requireDefinitions,
  requireText,
} from './validation';

export interface TermDraft {
  prompt: string;
  definitions: readonly string[];
  source?: string;
}

export interface SubdomainDraft {
  name: string;
  scope?: string;
  terms: readonly TermDraft[];
}

/** A whole domain to store at once, such as the sample domain or an imported list. */
export interface DomainDraft {
  name: string;
  description?: string;
  subdomains: readonly SubdomainDraft[];
  /** Terms that belong to no subdomain. */
  terms?: readonly TermDraft[];
}

function buildTerm(draft: TermDraft, domainId: string, subdomainId: string, now: number, where: string): Term {
  return {
    id: newId(),
    domainId,
    subdomainId,
    prompt: requireText(draft.prompt, `Prompt of ${where}`, MAX_PROMPT_LENGTH),
    definitions: requireDefinitions(draft.definitions),
    source: optionalText(draft.source ?? '', `Source of ${where}`, MAX_SOURCE_LENGTH),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Validates a whole domain and stores it with its subdomains and terms in one
 * transaction, so a failure leaves no partial domain behind.
 */
export async function insertDomainDraft(db: TutorDatabase, draft: DomainDraft): Promise<Domain> {
  const now = Date.now();
  const domain: Domain = {
    id: newId(),
    name: requireText(draft.name, 'Domain name', MAX_NAME_LENGTH),
    description: optionalText(draft.description ?? '', 'Domain description', 2000),
    createdAt: now,
    updatedAt: now,
  };
  const subdomains: Subdomain[] = [];
  const terms: Term[] = [];
  draft.subdomains.forEach((subdomainDraft, position) => {
    const subdomain: Subdomain = {
      id: newId(),
      domainId: domain.id,
      name: requireText(subdomainDraft.name, `Name of subdomain ${position + 1}`, MAX_NAME_LENGTH),
      scope: optionalText(subdomainDraft.scope ?? '', `Scope of subdomain ${position + 1}`, 1000),
      position,
    };
    subdomains.push(subdomain);
    subdomainDraft.terms.forEach((termDraft, index) => {
      terms.push(buildTerm(termDraft, domain.id, subdomain.id, now, `term ${index + 1} in "${subdomain.name}"`));
    });
  });
  (draft.terms ?? []).forEach((termDraft, index) => {
    terms.push(buildTerm(termDraft, domain.id, '', now, `term ${index + 1} without a subdomain`));
  });

  return runWrite(`Could not add the domain "${domain.name}"`, () =>
    db.transaction('rw', [db.domains, db.subdomains, db.terms], async () => {
      await assertDomainNameFree(db, domain.name);
      await db.domains.add(domain);
      await db.subdomains.bulkAdd(subdomains);
      await db.terms.bulkAdd(terms);
      return domain;
    }),
  );
}
