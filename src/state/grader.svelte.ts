// Loads the grading model once per page and exposes its progress to every screen.
// The model loads in a worker, so the rest of the app stays usable meanwhile.

import { GraderClient, type GradeRequest, type GradeResult, type ModelInfo } from '../grading/grader-client';

export type GraderStatus = 'idle' | 'loading' | 'ready' | 'failed';

class GraderState {
  status = $state<GraderStatus>('idle');
  model = $state<ModelInfo | null>(null);
  /** Reason the load failed, written for the learner. */
  failure = $state('');
  /** Bytes downloaded and expected, summed over the model files seen so far. */
  loadedBytes = $state(0);
  totalBytes = $state(0);

  #client: GraderClient | null = null;
  #files = new Map<string, { loaded: number; total: number }>();

  /** Starts loading the model unless it is loaded or loading; a failed load is retried. */
  start(): void {
    if (this.status === 'loading' || this.status === 'ready') {
      return;
    }
    this.#client ??= new GraderClient();
    this.status = 'loading';
    this.failure = '';
    this.#files.clear();
    this.loadedBytes = 0;
    this.totalBytes = 0;
    this.#client
      .load((progress) => {
        this.#files.set(progress.file, { loaded: progress.loadedBytes, total: progress.totalBytes });
        let loaded = 0;
        let total = 0;
        for (const file of this.#files.values()) {
          loaded += file.loaded;
          total += file.total;
        }
        this.loadedBytes = loaded;
        this.totalBytes = total;
      })
      .then((model) => {
        this.model = model;
        this.status = 'ready';
      })
      .catch((error: unknown) => {
        this.failure = error instanceof Error ? error.message : String(error);
        this.status = 'failed';
      });
  }

  /** Grades one answer; waits for a load in progress. Rejects with a GraderError. */
  async grade(request: GradeRequest, threshold?: number): Promise<GradeResult> {
    this.start();
    const client = this.#client;
    if (client === null) {
      throw new Error('The grader did not start.');
    }
    return client.grade(request, threshold);
  }

  /** Grades many answers, results in request order; waits for a load in progress. Rejects with a GraderError. */
  async gradeBatch(requests: GradeRequest[], threshold?: number): Promise<GradeResult[]> {
    this.start();
    const client = this.#client;
    if (client === null) {
      throw new Error('The grader did not start.');
    }
    return client.gradeBatch(requests, threshold);
  }

  /** Returns the loaded model, waiting for a load in progress; a failed load is retried. */
  async loadedModel(): Promise<ModelInfo> {
    this.start();
    const client = this.#client;
    if (client === null) {
      throw new Error('The grader did not start.');
    }
    return client.load();
  }
}

export const grader = new GraderState();
