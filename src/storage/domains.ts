import type { TutorDatabase } from './database';
import { InvalidInputError, RowNotFoundError, runWrite } from './errors';
import { newId } from './ids';
import type { Attempt, Domain, Subdomain, Term } from './records';
import { MAX_NAME_LENGTH, optionalText, requireText } from './validation';

/** A domain with every row that belongs to it: what a delete removes and an undo puts back. */
export interface DomainSnapshot {
  domain: Domain;
  subdomains: Subdomain[];
  terms: Term[];
  attempts: Attempt[];
}

function compareNames(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
}

/** Returns every domain, sorted by name. */
export async function listDomains(db: TutorDatabase): Promise<Domain[]> {
  const domains = await db.domains.toArray();
  return domains.sort(compareNames);
}

export async function getDomain(db: TutorDatabase, id: string): Promise<Domain | undefined> {
  return db.domains.get(id);
}

/** Raises InvalidInputError when another domain already has `name`, ignoring case. */
export async function assertDomainNameFree(db: TutorDatabase, name: string, exceptId = ''): Promise<void> {
  const lower = name.toLocaleLowerCase();
  const clash = await db.domains
    .filter((domain) => domain.id !== exceptId && domain.name.toLocaleLowerCase() === lower)
    .first();
  if (clash !== undefined) {
    throw new InvalidInputError('Domain name', `A domain named "${clash.name}" already exists; choose another name.`);
  }
}

/** Validates and stores a new, empty domain. */
export async function createDomain(
  db: TutorDatabase,
  input: { name: string; description?: string },
): Promise<Domain> {
  const name = requireText(input.name, 'Domain name', MAX_NAME_LENGTH);
  const description = optionalText(input.description ?? '', 'Domain description', 2000);
  const now = Date.now();
  const domain: Domain = { id: newId(), name, description, createdAt: now, updatedAt: now };
  return runWrite(`Could not create the domain "${name}"`, () =>
    db.transaction('rw', db.domains, async () => {
      await assertDomainNameFree(db, name);
      await db.domains.add(domain);
      return domain;
    }),
  );
}

export async function renameDomain(db: TutorDatabase, id: string, newName: string): Promise<void> {
  const name = requireText(newName, 'Domain name', MAX_NAME_LENGTH);
  await runWrite(`Could not rename the domain to "${name}"`, () =>
    db.transaction('rw', db.domains, async () => {
      await assertDomainNameFree(db, name, id);
      const changed = await db.domains.update(id, { name, updatedAt: Date.now() });
      if (changed === 0) {
        throw new RowNotFoundError('This domain no longer exists; it may have been deleted in another tab.');
      }
    }),
  );
}

/**
 * Deletes a domain with its subdomains, terms, attempts and review states in one
 * transaction and returns what was deleted, for `restoreDomain` to undo. Review states
 * are not in the snapshot because the review queue rebuilds them from the attempts.
 */
export async function deleteDomain(db: TutorDatabase, id: string): Promise<DomainSnapshot> {
  return runWrite('Could not delete the domain', () =>
    db.transaction('rw', [db.domains, db.subdomains, db.terms, db.attempts, db.reviewStates], async () => {
      const domain = await db.domains.get(id);
      if (domain === undefined) {
        throw new RowNotFoundError('This domain no longer exists; it may have been deleted in another tab.');
      }
      const snapshot: DomainSnapshot = {
        domain,
        subdomains: await db.subdomains.where('domainId').equals(id).toArray(),
        terms: await db.terms.where('domainId').equals(id).toArray(),
        attempts: await db.attempts.where('domainId').equals(id).toArray(),
      };
      await db.reviewStates.where('domainId').equals(id).delete();
      await db.attempts.where('domainId').equals(id).delete();
      await db.terms.where('domainId').equals(id).delete();
      await db.subdomains.where('domainId').equals(id).delete();
      await db.domains.delete(id);
      return snapshot;
    }),
  );
}

/** Puts back a deleted domain and all its rows in one transaction: all of them or none. */
export async function restoreDomain(db: TutorDatabase, snapshot: DomainSnapshot): Promise<void> {
  await runWrite(`Could not restore the domain "${snapshot.domain.name}"`, () =>
    db.transaction('rw', [db.domains, db.subdomains, db.terms, db.attempts], async () => {
      await assertDomainNameFree(db, snapshot.domain.name, snapshot.domain.id);
      await db.domains.add(snapshot.domain);
      await db.subdomains.bulkAdd(snapshot.subdomains);
      await db.terms.bulkAdd(snapshot.terms);
      await db.attempts.bulkAdd(snapshot.attempts);
    }),
  );
}
