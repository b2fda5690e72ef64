// The domain being viewed or edited on the domain screen: its subdomains and terms.

import { listAttemptsForDomain } from '../storage/attempts';
import { getDomain, renameDomain } from '../storage/domains';
import type { Attempt, Domain, Subdomain, Term } from '../storage/records';
import { addSubdomain, deleteSubdomain, listSubdomains, renameSubdomain } from '../storage/subdomains';
import { addTerm, deleteTerm, listTerms, restoreTerm, updateTerm, type TermInput } from '../storage/terms';
import { database } from './app-database';
import { domains } from './domains.svelte';
import { notices } from './notices.svelte';
import { searchTerms } from './term-search';

/** How often a term was answered, and its latest attempt. */
export interface TermHistory {
  count: number;
  latest: Attempt;
}

export interface TermGroup {
  /** '' for the terms without a subdomain. */
  subdomainId: string;
  title: string;
  terms: Term[];
}

/** Counts attempts per term and keeps the latest; `attempts` must be oldest first. */
function summarizeHistory(attempts: readonly Attempt[]): Record<string, TermHistory> {
  const history: Record<string, TermHistory> = {};
  for (const attempt of attempts) {
    const previous = history[attempt.termId];
    history[attempt.termId] = { count: (previous?.count ?? 0) + 1, latest: attempt };
  }
  return history;
}

class DomainDetailState {
  domainId = $state('');
  // Raw (not deeply reactive), because rows are replaced whole on every refresh.
  domain = $state.raw<Domain | null>(null);
  subdomains = $state.raw<Subdomain[]>([]);
  terms = $state.raw<Term[]>([]);
  /** Answer history by term id; terms never answered have no entry. */
  history = $state.raw<Record<string, TermHistory>>({});
  /** 'loading' until the first load of `domainId` ends; 'missing' when no such domain exists. */
  status = $state<'loading' | 'ready' | 'missing'>('loading');
  query = $state('');

  matches = $derived(searchTerms(this.terms, this.query));

  /** Matching terms grouped by subdomain in subdomain order; terms without one come last. */
  groups = $derived.by((): TermGroup[] => {
    const groups: TermGroup[] = this.subdomains.map((subdomain) => ({
      subdomainId: subdomain.id,
      title: subdomain.name,
      terms: this.matches.filter((term) => term.subdomainId === subdomain.id),
    }));
    const known = new Set(this.subdomains.map((subdomain) => subdomain.id));
    const loose = this.matches.filter((term) => !known.has(term.subdomainId));
    if (loose.length > 0 || groups.length === 0) {
      groups.push({ subdomainId: '', title: 'No subdomain', terms: loose });
    }
    return groups;
  });

  /** Loads `domainId`, clearing the search when it is another domain than before. */
  async open(domainId: string): Promise<void> {
    if (domainId !== this.domainId) {
      this.domainId = domainId;
      this.query = '';
      this.status = 'loading';
      this.domain = null;
      this.subdomains = [];
      this.terms = [];
      this.history = {};
    }
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const domainId = this.domainId;
    const [domain, subdomains, terms, attempts] = await Promise.all([
      getDomain(database, domainId),
      listSubdomains(database, domainId),
      listTerms(database, domainId),
      listAttemptsForDomain(database, domainId),
    ]);
    if (domainId !== this.domainId) {
      return; // Another domain was opened while this one loaded.
    }
    this.domain = domain ?? null;
    this.subdomains = subdomains;
    this.terms = terms;
    this.history = summarizeHistory(attempts);
    this.status = domain === undefined ? 'missing' : 'ready';
  }

  async rename(name: string): Promise<void> {
    await renameDomain(database, this.domainId, name);
    await Promise.all([this.refresh(), domains.refresh()]);
    notices.info(`Renamed the domain to "${name.trim()}".`);
  }

  async addTerm(input: TermInput): Promise<Term> {
    const term = await addTerm(database, this.domainId, input);
    await Promise.all([this.refresh(), domains.refresh()]);
    notices.info(`Added the term "${term.prompt}".`);
    return term;
  }

  async updateTerm(id: string, input: TermInput): Promise<Term> {
    const term = await updateTerm(database, id, input);
    await this.refresh();
    notices.info(`Saved the term "${term.prompt}".`);
    return term;
  }

  async deleteTerm(id: string): Promise<void> {
    const snapshot = await deleteTerm(database, id);
    await Promise.all([this.refresh(), domains.refresh()]);
    notices.info(`Deleted the term "${snapshot.term.prompt}".`, {
      label: 'Undo',
      run: async () => {
        await restoreTerm(database, snapshot);
        await Promise.all([this.refresh(), domains.refresh()]);
        notices.info(`Restored the term "${snapshot.term.prompt}".`);
      },
    });
  }

  async addSubdomain(name: string): Promise<Subdomain> {
    const subdomain = await addSubdomain(database, this.domainId, { name });
    await this.refresh();
    notices.info(`Added the subdomain "${subdomain.name}".`);
    return subdomain;
  }

  async renameSubdomain(id: string, name: string): Promise<void> {
    await renameSubdomain(database, id, name);
    await this.refresh();
    notices.info(`Renamed the subdomain to "${name.trim()}".`);
  }

  async deleteSubdomain(id: string): Promise<void> {
    const name = this.subdomains.find((subdomain) => subdomain.id === id)?.name ?? 'subdomain';
    const moved = await deleteSubdomain(database, id);
    await this.refresh();
    notices.info(
      moved === 0
        ? `Deleted the subdomain "${name}".`
        : `Deleted the subdomain "${name}"; its ${moved} ${moved === 1 ? 'term is' : 'terms are'} now under "No subdomain".`,
    );
  }
}

export const domainDetail = new DomainDetailState();
