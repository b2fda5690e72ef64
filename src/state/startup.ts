import { domains } from './domains.svelte';
import { grader } from './grader.svelte';
import { notices } from './notices.svelte';
import { settings } from './settings.svelte';

/** Loads stored data and starts downloading the model in the background. */
export function startApp(): void {
  grader.start();
  Promise.all([settings.load(), domains.refresh()]).catch((error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    notices.error(
      `Could not open the app's storage (IndexedDB): ${detail}. Private windows and some privacy settings disable it.`,
    );
  });
}
