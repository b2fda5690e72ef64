import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { DeviceCalibration, ReviewState } from '../learning/learning-records';
import type { Attempt, Domain, Setting, Subdomain, Term } from './records';

export const DATABASE_NAME = 'know-it-all-tutor';

/** Stores of schema version 1, the first release. */
export const SCHEMA_V1 = {
  domains: 'id, name, updatedAt',
  subdomains: 'id, domainId, [domainId+position]',
  terms: 'id, domainId, subdomainId, [domainId+prompt]',
  attempts: 'id, termId, domainId, answeredAt, [termId+answeredAt]',
  settings: 'key',
} as const;

/**
 * Stores of schema version 2. Attempts gain `quizId` so that the quiz summary and the
 * history can fetch one sitting's attempts by index, and `[domainId+answeredAt]` so
 * that a domain's history reads in time order without sorting every attempt in memory.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  attempts: 'id, termId, domainId, quizId, answeredAt, [termId+answeredAt], [domainId+answeredAt]',
} as const;

/**
 * Stores of schema version 3: each term's spaced-repetition state, indexed by due time,
 * and calibrations refitted on this device. Both start empty: review states are
 * rebuilt from the attempts when the review or progress screen finds them missing.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  reviewStates: 'termId, domainId, due, [domainId+due]',
  calibrations: 'id, createdAt',
} as const;

/** Fills fields that schema version 1 did not have, so every row matches `Attempt`. */
async function upgradeToVersion2(transaction: Transaction): Promise<void> {
  await transaction
    .table<Attempt>('attempts')
    .toCollection()
    .modify((attempt: Partial<Attempt>) => {
      if (typeof attempt.quizId !== 'string') {
        attempt.quizId = '';
      }
    });
}

/**
 * The app's IndexedDB database. Each schema version stays listed so that Dexie can
 * upgrade a database written by any earlier release; add a new version, never edit one.
 */
export class TutorDatabase extends Dexie {
  domains!: EntityTable<Domain, 'id'>;
  subdomains!: EntityTable<Subdomain, 'id'>;
  terms!: EntityTable<Term, 'id'>;
  attempts!: EntityTable<Attempt, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  reviewStates!: EntityTable<ReviewState, 'termId'>;
  calibrations!: EntityTable<DeviceCalibration, 'id'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToVersion2);
    this.version(3).stores(SCHEMA_V3);
  }
}
