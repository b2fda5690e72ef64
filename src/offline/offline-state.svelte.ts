// Whether the app works offline in this browser, and whether a new version waits.
// The app is ready offline when the service worker is active (it precached the app
// shell and the WebAssembly runtime during install) and the grader worker has stored
// the verified model files in Cache Storage.

import { HttpModelSource, readModelManifest } from '../grading/model-files';
import { grader } from '../state/grader.svelte';
import { quiz } from '../state/quiz.svelte';
import { findUnstoredFiles, hasCacheStorage } from './model-cache';
import { registerServiceWorker, serviceWorkersSupported, type ServiceWorkerControl } from './service-worker-registration';

/**
 * Service worker state as the page sees it:
 * - disabled: the development server, which has no sw.js.
 * - unsupported: the browser or the page's origin does not allow service workers.
 * - installing: registering or precaching.
 * - active: the precached files are available offline.
 * - failed: registration failed, and `problem` says why.
 */
export type ServiceWorkerStatus = 'disabled' | 'unsupported' | 'installing' | 'active' | 'failed';

/** unknown: not checked yet (the model is still loading); stored; missing: see `problem`. */
export type ModelStorage = 'unknown' | 'stored' | 'missing';

/**
 * Model folder the GraderClient loads from by default, relative to index.html.
 * NOTE: a copy of GraderClient's default; a page that gives the client another folder
 * would be reported as not ready offline.
 */
const MODEL_BASE_PATH = 'models/';

class OfflineState {
  serviceWorker = $state<ServiceWorkerStatus>('installing');
  modelStorage = $state<ModelStorage>('unknown');
  /** Reason the app is not available offline, in words for the learner; '' when nothing failed. */
  problem = $state('');
  /** A new version finished installing in this browser and waits to be activated. */
  updateWaiting = $state(false);
  /** Another tab activated a new version, so this page runs outdated code until it reloads. */
  updatedElsewhere = $state(false);
  applyingUpdate = $state(false);

  readyOffline = $derived(this.serviceWorker === 'active' && this.modelStorage === 'stored');
  /** A reload would end the quiz run, which lives only in memory, so updates wait for it. */
  quizInProgress = $derived(quiz.phase !== 'setup' && quiz.phase !== 'summary');
  updateAvailable = $derived(this.updateWaiting || this.updatedElsewhere);
  offerUpdate = $derived(this.updateAvailable && !this.quizInProgress);

  #control: ServiceWorkerControl | null = null;
  #storageCheck = 0;
  #persistRequested = false;

  /** Registers the service worker and starts watching the model's storage; call once at start-up. */
  start(): void {
    if (import.meta.env.DEV) {
      this.serviceWorker = 'disabled';
      return;
    }
    if (!serviceWorkersSupported()) {
      this.serviceWorker = 'unsupported';
      this.problem =
        'Offline use is not available here, because this browser window does not allow service workers (they need HTTPS or localhost, and some private windows turn them off).';
      return;
    }
    this.#control = registerServiceWorker({
      onActive: () => {
        this.serviceWorker = 'active';
        this.#requestPersistentStorage();
      },
      onUpdateWaiting: () => {
        this.updateWaiting = true;
      },
      onUpdatedElsewhere: () => {
        this.updatedElsewhere = true;
      },
      onFailed: (message) => {
        this.serviceWorker = 'failed';
        this.problem = `Offline use is not available: ${message}`;
      },
    });
    $effect.root(() => {
      $effect(() => {
        const model = grader.status === 'ready' ? grader.model : null;
        if (model !== null) {
          void this.#checkModelStored(model.id);
        }
      });
    });
  }

  /** Reloads into the new version, unless a quiz is in progress. */
  applyUpdate(): void {
    if (this.quizInProgress || this.#control === null || this.applyingUpdate) {
      return;
    }
    this.applyingUpdate = true;
    this.#control.applyUpdate();
  }

  async #checkModelStored(modelId: string): Promise<void> {
    const check = ++this.#storageCheck;
    if (!hasCacheStorage()) {
      this.#setModelStorage(check, 'missing', 'Offline use is not available, because this browser window has no Cache Storage to keep the grading model in.');
      return;
    }
    try {
      const folderUrl = new URL(`${MODEL_BASE_PATH}${modelId}/`, document.baseURI).href;
      const manifest = await readModelManifest(new HttpModelSource(folderUrl));
      const fileNames = [manifest.modelFile, manifest.tokenizerFile, manifest.tokenizerConfigFile];
      const unstored = await findUnstoredFiles(
        fileNames.map((name) => ({ url: new URL(name, folderUrl).href, sha256: manifest.files[name]?.sha256 ?? '' })),
      );
      if (unstored.length === 0) {
        this.#setModelStorage(check, 'stored', '');
      } else {
        const names = unstored.map((url) => url.slice(folderUrl.length)).join(', ');
        this.#setModelStorage(
          check,
          'missing',
          `The grading model works now but could not be saved for offline use (${names} not stored; the browser may be out of storage space). It downloads again on the next visit.`,
        );
      }
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      console.error('[offline] Checking the stored model files failed:', error);
      this.#setModelStorage(check, 'missing', `Could not check whether the grading model is saved for offline use: ${detail}`);
    }
  }

  #setModelStorage(check: number, storage: ModelStorage, problem: string): void {
    if (check !== this.#storageCheck) {
      return; // A newer check started meanwhile.
    }
    this.modelStorage = storage;
    if (this.serviceWorker !== 'failed' && this.serviceWorker !== 'unsupported') {
      this.problem = problem;
    }
  }

  /** Asks the browser not to evict the stored app and model under storage pressure. */
  #requestPersistentStorage(): void {
    if (this.#persistRequested || typeof navigator.storage?.persist !== 'function') {
      return;
    }
    this.#persistRequested = true;
    navigator.storage
      .persist()
      .then((persisted) => console.info(`[offline] Persistent storage ${persisted ? 'granted' : 'not granted'}.`))
      .catch((error: unknown) => console.warn('[offline] Requesting persistent storage failed:', error));
  }
}

export const offline = new OfflineState();
