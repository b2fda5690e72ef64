// Main-thread handle on the grader worker. Every call returns a promise that settles:
// a worker that fails to start, crashes or reports an error rejects every pending
// call with a GraderError, and the next load() starts a fresh worker.

import { GraderError } from './errors';
import {
  graderErrorFrom,
  isGraderResponseMessage,
  type GraderRequestMessage,
  type GraderResponseMessage,
} from './protocol';
import { validateGradeRequest, validateThreshold } from './request-validation';
import type { GradeRequest, GradeResult, LoadProgress, ModelInfo } from './types';

export type { GradeRequest, GradeResult, LoadProgress, ModelInfo } from './types';
export { GraderError, type GraderErrorCode } from './errors';

export interface GraderClientOptions {
  /** Folder holding `index.json` and the model folders, resolved against the page URL. Default `models/`. */
  modelBaseUrl?: string;
  /** Model folder name under `modelBaseUrl`. Default: the `default` entry of `index.json`. */
  modelId?: string;
  /** Creates the worker; tests pass their own. */
  createWorker?: () => Worker;
}

const DEFAULT_MODEL_BASE_URL = 'models/';

interface PendingCall {
  settle: (message: GraderResponseMessage) => void;
  reject: (error: GraderError) => void;
}

type RequestWithoutId<M> = M extends GraderRequestMessage ? Omit<M, 'id'> : never;

function createGraderWorker(): Worker {
  return new Worker(new URL('../../workers/grader.worker.ts', import.meta.url), { type: 'module' });
}

function pageBaseUrl(): string {
  if (typeof document !== 'undefined') {
    return document.baseURI;
  }
  return self.location.href;
}

function folderUrl(url: string): string {
  const absolute = URL.canParse(url) ? new URL(url).href : new URL(url, pageBaseUrl()).href;
  return absolute.endsWith('/') ? absolute : `${absolute}/`;
}

export class GraderClient {
  readonly #modelBaseUrl: string;
  readonly #modelId: string | undefined;
  readonly #createWorker: () => Worker;
  readonly #pending = new Map<number, PendingCall>();
  readonly #progressListeners = new Set<(progress: LoadProgress) => void>();
  #worker: Worker | null = null;
  #loading: Promise<ModelInfo> | null = null;
  /** True once `#loading` resolved, so later load() calls do not keep their progress listeners. */
  #loaded = false;
  #nextId = 1;
  #disposed = false;

  constructor(options: GraderClientOptions = {}) {
    this.#modelBaseUrl = folderUrl(options.modelBaseUrl ?? DEFAULT_MODEL_BASE_URL);
    this.#modelId = options.modelId;
    this.#createWorker = options.createWorker ?? createGraderWorker;
  }

  /**
   * Downloads, verifies and starts the model. Calls made while a load is running or
   * after it succeeded share its result; a failed load is retried by the next call.
   */
  load(onProgress?: (progress: LoadProgress) => void): Promise<ModelInfo> {
    if (onProgress && !this.#loaded) {
      this.#progressListeners.add(onProgress);
    }
    if (this.#loading) {
      return this.#loading;
    }
    const loading = this.#send({
      type: 'load',
      modelBaseUrl: this.#modelBaseUrl,
      ...(this.#modelId === undefined ? {} : { modelId: this.#modelId }),
    }).then((message) => {
      if (message.type !== 'ready') {
        throw new GraderError('worker-crashed', `Grader worker replied to a load request with "${message.type}".`);
      }
      this.#progressListeners.clear();
      this.#loaded = true;
      return message.model;
    });
    this.#loading = loading;
    loading.catch(() => {
      this.#progressListeners.clear();
      if (this.#loading === loading) {
        this.#loading = null;
      }
    });
    return loading;
  }

  /** Grades one answer, loading the model first if needed. */
  async grade(request: GradeRequest, threshold?: number): Promise<GradeResult> {
    validateGradeRequest(request, 'request');
    validateThreshold(threshold);
    await this.load();
    const results = await this.#requestResults({ type: 'grade', request, threshold });
    const [result] = results;
    if (results.length !== 1 || result === undefined) {
      throw new GraderError('worker-crashed', `Grader worker returned ${results.length} results for one answer.`);
    }
    return result;
  }

  /** Grades many answers in as few model runs as possible; results are in request order. */
  async gradeBatch(requests: GradeRequest[], threshold?: number): Promise<GradeResult[]> {
    requests.forEach((request, index) => validateGradeRequest(request, `requests[${index}]`));
    validateThreshold(threshold);
    if (requests.length === 0) {
      return [];
    }
    await this.load();
    const results = await this.#requestResults({ type: 'gradeBatch', requests, threshold });
    if (results.length !== requests.length) {
      throw new GraderError(
        'worker-crashed',
        `Grader worker returned ${results.length} results for ${requests.length} answers.`,
      );
    }
    return results;
  }

  /** Stops the worker and rejects pending calls. The client cannot be used afterwards. */
  dispose(): void {
    if (this.#disposed) {
      return;
    }
    this.#disposed = true;
    if (this.#worker) {
      const message: GraderRequestMessage = { type: 'dispose', id: this.#nextId++ };
      this.#worker.postMessage(message);
    }
    this.#stopWorker(new GraderError('disposed', 'The grader was shut down before this request finished.'));
  }

  async #requestResults(message: RequestWithoutId<GraderRequestMessage>): Promise<GradeResult[]> {
    const response = await this.#send(message);
    if (response.type !== 'result') {
      throw new GraderError('worker-crashed', `Grader worker replied to a grade request with "${response.type}".`);
    }
    return response.results;
  }

  #send(message: RequestWithoutId<GraderRequestMessage>): Promise<GraderResponseMessage> {
    if (this.#disposed) {
      return Promise.reject(new GraderError('disposed', 'This grader was shut down; create a new GraderClient.'));
    }
    let worker: Worker;
    try {
      worker = this.#ensureWorker();
    } catch (error) {
      return Promise.reject(
        new GraderError('worker-crashed', `Could not start the grader worker: ${describe(error)}`, { cause: error }),
      );
    }
    const id = this.#nextId++;
    return new Promise<GraderResponseMessage>((resolve, reject) => {
      this.#pending.set(id, { settle: resolve, reject });
      const request = { ...message, id } as GraderRequestMessage;
      try {
        worker.postMessage(request);
      } catch (error) {
        this.#pending.delete(id);
        reject(new GraderError('invalid-request', `Could not send the request to the grader worker: ${describe(error)}`));
      }
    });
  }

  #ensureWorker(): Worker {
    if (this.#worker) {
      return this.#worker;
    }
    const worker = this.#createWorker();
    worker.addEventListener('message', (event: MessageEvent<unknown>) => this.#receive(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => {
      // A module worker that fails to download or parse reports a bare Event with no message.
      event.preventDefault();
      const detail = event.message ? `: ${event.message}` : ' (the worker script failed to load or threw at start-up)';
      this.#stopWorker(new GraderError('worker-crashed', `The grader worker stopped${detail}.`));
    });
    worker.addEventListener('messageerror', () => {
      this.#stopWorker(new GraderError('worker-crashed', 'The grader worker sent a message that could not be read.'));
    });
    this.#worker = worker;
    return worker;
  }

  #receive(data: unknown): void {
    if (!isGraderResponseMessage(data)) {
      this.#stopWorker(new GraderError('worker-crashed', 'The grader worker sent a message of unknown shape.'));
      return;
    }
    if (data.type === 'progress') {
      for (const listener of this.#progressListeners) {
        listener(data.progress);
      }
      return;
    }
    if (data.type === 'error' && data.id === null) {
      // The worker failed outside any request, so nothing can be trusted to finish.
      this.#stopWorker(graderErrorFrom(data));
      return;
    }
    const id = data.id;
    const pending = id === null ? undefined : this.#pending.get(id);
    if (id === null || !pending) {
      return;
    }
    this.#pending.delete(id);
    if (data.type === 'error') {
      pending.reject(graderErrorFrom(data));
    } else {
      pending.settle(data);
    }
  }

  #stopWorker(reason: GraderError): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#loading = null;
    this.#loaded = false;
    this.#progressListeners.clear();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) {
      call.reject(reason);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
