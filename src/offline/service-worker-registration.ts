// Registers the service worker with workbox-window and turns its lifecycle into the
// few facts the page acts on: offline files are ready, an update is waiting, or
// another tab switched this page to a new version.

import { Workbox } from 'workbox-window';

import { SERVICE_WORKER_FILE_NAME } from './service-worker-file';

export interface ServiceWorkerEvents {
  /** The service worker is active, so the app shell and runtime it precached are available offline. */
  onActive(): void;
  /** A new version finished installing and waits for the learner to accept it. */
  onUpdateWaiting(): void;
  /**
   * A new version took control of this page although this page did not ask for it,
   * because the learner accepted the update in another tab. The page still runs the
   * old code and should reload.
   */
  onUpdatedElsewhere(): void;
  onFailed(message: string): void;
}

export interface ServiceWorkerControl {
  /** Activates the waiting version and reloads the page once it has taken control. */
  applyUpdate(): void;
}

/** Interval at which an open page checks the server for a new version, besides the check on each page load. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/** Returns false where the page cannot have a service worker, such as plain HTTP on a host other than localhost. */
export function serviceWorkersSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && window.isSecureContext;
}

/** Registers sw.js from the folder of index.html, after the page has loaded. */
export function registerServiceWorker(events: ServiceWorkerEvents): ServiceWorkerControl {
  const container = navigator.serviceWorker;
  // Relative, so the scope is the folder the app is served from, whatever its sub-path.
  const workbox = new Workbox(`./${SERVICE_WORKER_FILE_NAME}`);
  let registration: ServiceWorkerRegistration | undefined;
  let controlled = container.controller !== null;
  let reloadRequested = false;

  workbox.addEventListener('waiting', () => {
    // On the very first install nothing waits, so a waiting worker is always an update.
    events.onUpdateWaiting();
  });

  workbox.addEventListener('controlling', () => {
    if (reloadRequested) {
      window.location.reload();
      return;
    }
    if (!controlled) {
      // The first install took control through clients.claim(); this page's version did not change.
      controlled = true;
      return;
    }
    events.onUpdatedElsewhere();
  });

  workbox
    .register()
    .then(async (registered) => {
      if (registered === undefined) {
        throw new Error('the browser returned no registration');
      }
      registration = registered;
      await container.ready;
      events.onActive();
      window.setInterval(() => {
        workbox.update().catch((error: unknown) => console.warn('[offline] Checking for a new version failed:', error));
      }, UPDATE_CHECK_INTERVAL_MS);
    })
    .catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      console.error('[offline] Service worker registration failed:', error);
      events.onFailed(`The service worker (${SERVICE_WORKER_FILE_NAME}) could not be registered: ${detail}`);
    });

  return {
    applyUpdate() {
      reloadRequested = true;
      if (registration?.waiting) {
        // The 'controlling' listener reloads once the new version has taken over.
        workbox.messageSkipWaiting();
      } else {
        // Nothing waits: another tab already activated the new version.
        window.location.reload();
      }
    },
  };
}
