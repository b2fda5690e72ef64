import { domains } from './domains.svelte';
import { grader } from './grader.svelte';
import { notices } from './notices.svelte';
import { settings } from './settings.svelte';

/**
 * Asks the browser to keep this site's storage under storage pressure. Browsers may
 * refuse, or decide without asking the user; the app works either way.
 */
function requestPersistentStorage(): void {
  navigator.storage?.persist?.().catch((error: unknown) => {
    console.warn('Could not request persistent storage:', error);
  });
}

/** Loads stored data and starts downloading the model in the background. */
export function startApp(): void {
  grader.start();
  requestPersistentStorage();
  Promise.all([settings.load(), domains.refresh()]).catch((error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    notices.error(
      `Could not open the app's storage (IndexedDB): ${detail}. Private windows and some privacy settings disable it.`,
    );
  });
}
