import Dexie, { type EntityTable } from 'dexie';
import type { Attempt, Domain, Setting, Subdomain, Term } from './records';

export const DATABASE_NAME = 'know-it-all-tutor';

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

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      domains: 'id, name, updatedAt',
      subdomains: 'id, domainId, [domainId+position]',
      terms: 'id, domainId, subdomainId, [domainId+prompt]',
      attempts: 'id, termId, domainId, answeredAt, [termId+answeredAt]',
      settings: 'key',
    });
  }
}
