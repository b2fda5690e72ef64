// The list of domains shown on the domains screen and in the quiz picker.

import { createDomain, deleteDomain, listDomains, renameDomain, restoreDomain } from '../storage/domains';
import type { Domain } from '../storage/records';
import { database } from './app-database';
import { notices } from './notices.svelte';

export interface DomainSummary {
  domain: Domain;
  termCount: number;
}

class DomainsState {
  items = $state.raw<DomainSummary[]>([]);
  loaded = $state(false);

  async refresh(): Promise<void> {
    const domains = await listDomains(database);
    this.items = await Promise.all(
      domains.map(async (domain) => ({
        domain,
        termCount: await database.terms.where('domainId').equals(domain.id).count(),
      })),
    );
    this.loaded = true;
  }

  /** Creates a domain and returns it; raises InvalidInputError or StorageWriteError. */
  async create(name: string): Promise<Domain> {
    const domain = await createDomain(database, { name });
    await this.refresh();
    notices.info(`Created the domain "${domain.name}".`);
    return domain;
  }

  async rename(id: string, name: string): Promise<void> {
    await renameDomain(database, id, name);
    await this.refresh();
    notices.info(`Renamed the domain to "${name.trim()}".`);
  }

  /** Deletes a domain with everything in it and offers an undo. */
  async remove(id: string): Promise<void> {
    const snapshot = await deleteDomain(database, id);
    await this.refresh();
    const termCount = snapshot.terms.length;
    notices.info(
      `Deleted the domain "${snapshot.domain.name}" with ${termCount} ${termCount === 1 ? 'term' : 'terms'}.`,
      {
        label: 'Undo',
        run: async () => {
          await restoreDomain(database, snapshot);
          await this.refresh();
          notices.info(`Restored the domain "${snapshot.domain.name}".`);
        },
      },
    );
  }
}

export const domains = new DomainsState();
