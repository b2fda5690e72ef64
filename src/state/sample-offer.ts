import { WEB_APIS_SAMPLE } from '../sample/web-apis';
import { insertDomainDraft } from '../storage/domain-drafts';
import type { Domain } from '../storage/records';
import { database } from './app-database';
import { domains } from './domains.svelte';
import { notices } from './notices.svelte';
import { settings } from './settings.svelte';

/** Stores the sample domain and stops offering it. Raises StorageWriteError or InvalidInputError. */
export async function acceptSampleOffer(): Promise<Domain> {
  const domain = await insertDomainDraft(database, WEB_APIS_SAMPLE);
  await settings.setSampleOffer('added');
  await domains.refresh();
  notices.info(`Added the sample domain "${domain.name}".`);
  return domain;
}

export async function declineSampleOffer(): Promise<void> {
  await settings.setSampleOffer('dismissed');
}
