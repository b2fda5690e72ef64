import type { TutorDatabase } from './database';
import { runWrite } from './errors';

/** Deletes every domain, subdomain, term, attempt and setting in one transaction. */
export async function resetAllData(db: TutorDatabase): Promise<void> {
  await runWrite('Could not reset the data', () =>
    db.transaction('rw', db.tables, async () => {
      await Promise.all(db.tables.map((table) => table.clear()));
    }),
  );
}
