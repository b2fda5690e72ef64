import { resetAllData } from '../storage/reset';
import { database } from './app-database';
import { domainDetail } from './domain-detail.svelte';
import { domains } from './domains.svelte';
import { quiz } from './quiz.svelte';
import { settings } from './settings.svelte';

/** Deletes all stored data and brings every store back to its first-run state. */
export async function resetEverything(): Promise<void> {
  await resetAllData(database);
  quiz.reset();
  await Promise.all([settings.load(), domains.refresh(), domainDetail.refresh()]);
}
