import type { TutorDatabase } from './database';
import { InvalidInputError, RowNotFoundError, runWrite } from './errors';
import { newId } from './ids';
import type { Subdomain } from './records';
import { MAX_NAME_LENGTH, optionalText, requireText } from './validation';

/** Returns a domain's subdomains in their display order. */
export async function listSubdomains(db: TutorDatabase, domainId: string): Promise<Subdomain[]> {
  return db.subdomains.where('[domainId+position]').between([domainId, -Infinity], [domainId, Infinity]).toArray();
}

async function assertSubdomainNameFree(
  db: TutorDatabase,
  domainId: string,
  name: string,
  exceptId = '',
): Promise<void> {
  const lower = name.toLocaleLowerCase();
  const clash = await db.subdomains
    .where('domainId')
    .equals(domainId)
    .filter((subdomain) => subdomain.id !== exceptId && subdomain.name.toLocaleLowerCase() === lower)
    .first();
  if (clash !== undefined) {
    throw new InvalidInputError(
      'Subdomain name',
      `This domain already has a subdomain named "${clash.name}"; choose another name.`,
    );
  }
}

/** Validates and stores a new subdomain at the end of the domain's list. */
export async function addSubdomain(
  db: TutorDatabase,
  domainId: string,
  input: { name: string; scope?: string },
): Promise<Subdomain> {
  const name = requireText(input.name, 'Subdomain name', MAX_NAME_LENGTH);
  const scope = optionalText(input.scope ?? '', 'Subdomain scope', 1000);
  return runWrite(`Could not add the subdomain "${name}"`, () =>
    db.transaction('rw', [db.domains, db.subdomains], async () => {
      if ((await db.domains.get(domainId)) === undefined) {
        throw new RowNotFoundError('This domain no longer exists; it may have been deleted in another tab.');
      }
      await assertSubdomainNameFree(db, domainId, name);
      const existing = await listSubdomains(db, domainId);
      const position = existing.reduce((max, subdomain) => Math.max(max, subdomain.position + 1), 0);
      const subdomain: Subdomain = { id: newId(), domainId, name, scope, position };
      await db.subdomains.add(subdomain);
      return subdomain;
    }),
  );
}

export async function renameSubdomain(db: TutorDatabase, id: string, newName: string): Promise<void> {
  const name = requireText(newName, 'Subdomain name', MAX_NAME_LENGTH);
  await runWrite(`Could not rename the subdomain to "${name}"`, () =>
    db.transaction('rw', db.subdomains, async () => {
      const subdomain = await db.subdomains.get(id);
      if (subdomain === undefined) {
        throw new RowNotFoundError('This subdomain no longer exists; it may have been deleted in another tab.');
      }
      await assertSubdomainNameFree(db, subdomain.domainId, name, id);
      await db.subdomains.update(id, { name });
    }),
  );
}

/**
 * Deletes a subdomain and moves its terms to "no subdomain" in one transaction, so
 * deleting a grouping never deletes the terms or their attempts.
 * Returns the number of terms moved.
 */
export async function deleteSubdomain(db: TutorDatabase, id: string): Promise<number> {
  return runWrite('Could not delete the subdomain', () =>
    db.transaction('rw', [db.subdomains, db.terms], async () => {
      const moved = await db.terms.where('subdomainId').equals(id).modify({ subdomainId: '', updatedAt: Date.now() });
      await db.subdomains.delete(id);
      return moved;
    }),
  );
}
