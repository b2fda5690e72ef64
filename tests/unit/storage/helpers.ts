import 'fake-indexeddb/auto';
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse } from 'dexie';
import { TutorDatabase } from '../../../src/storage/database';

let counter = 0;

/** Returns a unique database name, so tests never see each other's rows. */
export function freshDatabaseName(): string {
  counter += 1;
  return `tutor-test-${process.pid}-${counter}-${Date.now()}`;
}

export function openFreshDatabase(): TutorDatabase {
  return new TutorDatabase(freshDatabaseName());
}

/**
 * Opens a database whose adds and puts into `tableName` fail with the DOMException
 * that browsers raise when the origin's storage quota is used up. Reads and deletes
 * still work, as they do on a full disk.
 */
export function openDatabaseWithFullDisk(tableName: string, errorName = 'QuotaExceededError'): TutorDatabase {
  const db = new TutorDatabase(freshDatabaseName());
  db.use({
    stack: 'dbcore',
    name: 'fail-writes',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          if (name !== tableName) {
            return table;
          }
          return {
            ...table,
            mutate(request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
              if (request.type !== 'add' && request.type !== 'put') {
                return table.mutate(request);
              }
              return Promise.reject(new DOMException('The quota has been exceeded.', errorName));
            },
          };
        },
      };
    },
  });
  return db;
}
