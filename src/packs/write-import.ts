import type { TutorDatabase } from '../storage/database';
import { assertDomainNameFree } from '../storage/domains';
import { RowNotFoundError, runWrite } from '../storage/errors';
import type { SettingKey } from '../storage/settings';
import type { Pack } from './pack-format';
import { matchKey } from '../storage/validation';
import type { ExistingDomain, ImportPlan } from './plan-import';

export interface ImportContext {
  /** The stored domain with the pack's name, ignoring case, if there is one. */
  existing: ExistingDomain | undefined;
  domainNames: string[];
}

/** Reads what the import preview compares a pack against. */
export async function loadImportContext(db: TutorDatabase, pack: Pack): Promise<ImportContext> {
  const domains = await db.domains.toArray();
  const key = matchKey(pack.domain.name);
  const domain = domains.find((candidate) => matchKey(candidate.name) === key);
  const domainNames = domains.map((candidate) => candidate.name);
  if (domain === undefined) {
    return { existing: undefined, domainNames };
  }
  return {
    existing: {
      domain,
      subdomains: await db.subdomains.where('domainId').equals(domain.id).toArray(),
      terms: await db.terms.where('domainId').equals(domain.id).toArray(),
    },
    domainNames,
  };
}

const PASS_THRESHOLD_KEY: SettingKey = 'passThreshold';

/**
 * Writes an import plan in one transaction, so a failure stores none of it. Raises
 * RowNotFoundError or InvalidInputError when the stored data changed since the plan was
 * made (another tab deleted the domain, edited a matched term or took the name), and
 * StorageWriteError when IndexedDB rejects the write (a full disk, say).
 */
export async function writeImportPlan(db: TutorDatabase, plan: ImportPlan): Promise<void> {
  await runWrite(`Could not import into the domain "${plan.domain.name}"`, () =>
    db.transaction('rw', [db.domains, db.subdomains, db.terms, db.attempts, db.settings], async () => {
      if (plan.mode === 'merge') {
        if ((await db.domains.get(plan.domain.id)) === undefined) {
          throw new RowNotFoundError(`The domain "${plan.domain.name}" was deleted while the preview was open; start the import again.`);
        }
        for (const update of plan.termsToUpdate) {
          const stored = await db.terms.get(update.before.id);
          if (stored === undefined || stored.updatedAt !== update.before.updatedAt) {
            throw new RowNotFoundError(
              `The term "${update.before.prompt}" changed while the preview was open; start the import again to see the new preview.`,
            );
          }
        }
        await db.domains.put(plan.domain);
      } else {
        await assertDomainNameFree(db, plan.domain.name);
        await db.domains.add(plan.domain);
      }
      await db.subdomains.bulkAdd(plan.subdomainsToAdd);
      await db.terms.bulkAdd(plan.termsToAdd);
      await db.terms.bulkPut(plan.termsToUpdate.map((update) => update.after));
      await db.attempts.bulkAdd(plan.attemptsToAdd);
      if (plan.passThreshold !== null) {
        // NOTE: the app has one pass threshold for all domains, so a pack's threshold,
        // once the learner accepts it, applies to every domain and not only this one.
        await db.settings.put({ key: PASS_THRESHOLD_KEY, value: plan.passThreshold });
      }
    }),
  );
}
