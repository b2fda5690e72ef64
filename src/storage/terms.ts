import type { TutorDatabase } from './database';
import { InvalidInputError, RowNotFoundError, runWrite } from './errors';
import { newId } from './ids';
import type { Attempt, Term } from './records';
import {
  matchKey,
  MAX_PROMPT_LENGTH,
  MAX_SOURCE_LENGTH,
  optionalText,
  requireDefinitions,
  requireText,
} from './validation';

/** The fields of a term that the learner edits. `subdomainId` is '' for no subdomain. */
export interface TermInput {
  prompt: string;
  definitions: readonly string[];
  subdomainId: string;
  source?: string;
}

/** A deleted term with its attempts, for `restoreTerm` to undo the delete. */
export interface TermSnapshot {
  term: Term;
  attempts: Attempt[];
}

/** Orders terms by prompt, ignoring case and accents, the order the domain screen and quiz use. */
export function compareTermsByPrompt(a: Term, b: Term): number {
  return a.prompt.localeCompare(b.prompt, undefined, { sensitivity: 'base' });
}

/** Returns a domain's terms, sorted by prompt. */
export async function listTerms(db: TutorDatabase, domainId: string): Promise<Term[]> {
  const terms = await db.terms.where('domainId').equals(domainId).toArray();
  return terms.sort(compareTermsByPrompt);
}

interface ValidTermInput {
  prompt: string;
  definitions: string[];
  subdomainId: string;
  source: string;
}

function validateTermInput(input: TermInput): ValidTermInput {
  return {
    prompt: requireText(input.prompt, 'Prompt', MAX_PROMPT_LENGTH),
    definitions: requireDefinitions(input.definitions),
    subdomainId: input.subdomainId,
    source: optionalText(input.source ?? '', 'Source', MAX_SOURCE_LENGTH),
  };
}

/** Raises unless `subdomainId` is '' or names a subdomain of `domainId`. */
async function assertSubdomainInDomain(db: TutorDatabase, domainId: string, subdomainId: string): Promise<void> {
  if (subdomainId === '') {
    return;
  }
  const subdomain = await db.subdomains.get(subdomainId);
  if (subdomain === undefined || subdomain.domainId !== domainId) {
    throw new InvalidInputError('Subdomain', 'The chosen subdomain is not part of this domain; pick another one.');
  }
}

/**
 * Raises when another term of the same subdomain has the same prompt, ignoring case and
 * spacing, because a pack merge takes such terms for one. Two subdomains may each have
 * a term of one name ("Bank" under Finance and under Geography).
 */
async function assertPromptFree(db: TutorDatabase, domainId: string, input: ValidTermInput, exceptId = ''): Promise<void> {
  const key = matchKey(input.prompt);
  const clash = await db.terms
    .where('domainId')
    .equals(domainId)
    .filter((term) => term.id !== exceptId && term.subdomainId === input.subdomainId && matchKey(term.prompt) === key)
    .first();
  if (clash !== undefined) {
    const place = input.subdomainId === '' ? 'This domain already has a term' : 'This subdomain already has a term';
    throw new InvalidInputError('Prompt', `${place} "${clash.prompt}"; edit that term, or choose another prompt.`);
  }
}

/** Validates and stores a new term in `domainId`. */
export async function addTerm(db: TutorDatabase, domainId: string, input: TermInput): Promise<Term> {
  const valid = validateTermInput(input);
  return runWrite(`Could not save the term "${valid.prompt}"`, () =>
    db.transaction('rw', [db.domains, db.subdomains, db.terms], async () => {
      if ((await db.domains.get(domainId)) === undefined) {
        throw new RowNotFoundError('This domain no longer exists; it may have been deleted in another tab.');
      }
      await assertSubdomainInDomain(db, domainId, valid.subdomainId);
      await assertPromptFree(db, domainId, valid);
      const now = Date.now();
      const term: Term = { id: newId(), domainId, ...valid, createdAt: now, updatedAt: now };
      await db.terms.add(term);
      return term;
    }),
  );
}

/** Validates and stores new values for an existing term; attempts stay attached to it. */
export async function updateTerm(db: TutorDatabase, id: string, input: TermInput): Promise<Term> {
  const valid = validateTermInput(input);
  return runWrite(`Could not save the term "${valid.prompt}"`, () =>
    db.transaction('rw', [db.subdomains, db.terms], async () => {
      const term = await db.terms.get(id);
      if (term === undefined) {
        throw new RowNotFoundError('This term no longer exists; it may have been deleted in another tab.');
      }
      await assertSubdomainInDomain(db, term.domainId, valid.subdomainId);
      await assertPromptFree(db, term.domainId, valid, id);
      const updated: Term = { ...term, ...valid, updatedAt: Date.now() };
      await db.terms.put(updated);
      return updated;
    }),
  );
}

/**
 * Deletes a term with its attempts and review state in one transaction. Returns the term
 * and attempts for `restoreTerm`, because the review queue rebuilds the state from them.
 */
export async function deleteTerm(db: TutorDatabase, id: string): Promise<TermSnapshot> {
  return runWrite('Could not delete the term', () =>
    db.transaction('rw', [db.terms, db.attempts, db.reviewStates], async () => {
      const term = await db.terms.get(id);
      if (term === undefined) {
        throw new RowNotFoundError('This term no longer exists; it may have been deleted in another tab.');
      }
      const attempts = await db.attempts.where('termId').equals(id).toArray();
      await db.reviewStates.delete(id);
      await db.attempts.where('termId').equals(id).delete();
      await db.terms.delete(id);
      return { term, attempts };
    }),
  );
}

/**
 * Puts back a deleted term with its attempts. A term whose subdomain was deleted in
 * the meantime comes back without a subdomain; a term whose domain is gone is rejected.
 */
export async function restoreTerm(db: TutorDatabase, snapshot: TermSnapshot): Promise<void> {
  await runWrite(`Could not restore the term "${snapshot.term.prompt}"`, () =>
    db.transaction('rw', [db.domains, db.subdomains, db.terms, db.attempts], async () => {
      if ((await db.domains.get(snapshot.term.domainId)) === undefined) {
        throw new RowNotFoundError('The term cannot be restored because its domain was deleted.');
      }
      const subdomainId = snapshot.term.subdomainId;
      const subdomainExists = subdomainId === '' || (await db.subdomains.get(subdomainId)) !== undefined;
      await db.terms.add({ ...snapshot.term, subdomainId: subdomainExists ? subdomainId : '' });
      await db.attempts.bulkAdd(snapshot.attempts);
    }),
  );
}
