// The contract between the benchmark page and the Node script that drives it through
// Playwright: the page sets `window.tutorBench`, and every value crossing over is plain data.

import type { EncodedPair } from '../../../src/grading/pair-encoder';
import type { GradeRequest } from '../../../src/grading/types';

/** Milliseconds since navigation start (the page's performance.now() origin), unless noted. */
export interface ColdStartMarks {
  /** The benchmark page's script began to run. */
  scriptStartMs: number;
  /** GraderClient.load() resolved: model downloaded, verified and its session started. */
  modelReadyMs: number;
  /** Duration of the first grade() call, which starts when the driver calls continueColdStart(). */
  firstGradeMs: number;
}

export interface SessionRunSample {
  /** Milliseconds inside the worker, around CrossEncoderSession.logits only. */
  ms: number;
  logits: number[];
}

export interface RegradeTiming {
  /** Milliseconds for collectRecalibrationSamples over every stored attempt. */
  ms: number;
  regraded: number;
  /** Reference definitions scored, summed over the regraded answers. */
  pairs: number;
}

export interface ReviewLoadTiming {
  /** Milliseconds for loadReviewQueue across every domain, as the Review screen calls it on each visit. */
  ms: number;
  /** Review states it added: one per term after they were cleared, none when they were current. */
  statesAdded: number;
  dueTerms: number;
}

/** Bytes reported by performance.measureUserAgentSpecificMemory(), when the page is cross-origin isolated. */
export interface UserAgentMemory {
  totalBytes: number;
  /** Bytes attributed to dedicated workers. */
  workerBytes: number;
}

export interface TutorBenchApi {
  /** Starts a GraderClient on the production build's models folder; resolves when the model is ready. */
  startGrader(modelBaseUrl: string): Promise<{ readyMs: number }>;
  /** Times one GraderClient.grade() round trip from the page, in milliseconds: the full path the quiz UI waits on. */
  gradeOnce(request: GradeRequest): Promise<number>;
  /** Starts a worker that runs CrossEncoderSession directly, to time model runs without messaging or tokenizing. */
  startSessionWorker(modelUrl: string, outputName: string): Promise<{ readyMs: number }>;
  /** Terminates the session worker, so its memory does not count towards the grader's. */
  stopSessionWorker(): void;
  /** Runs the model once in the session worker on the pairs, as one batch or one run per pair. */
  runSession(pairs: EncodedPair[], batched: boolean): Promise<SessionRunSample>;
  /** Writes `count` attempts with no usable logit, spread over terms with one definition each. */
  seedAttempts(count: number, answers: readonly string[], references: readonly string[]): Promise<void>;
  /** Regrades every stored attempt through the recalibration path, in the grader worker started by startGrader. */
  regradeStored(): Promise<RegradeTiming>;
  measureMemory(): Promise<UserAgentMemory | null>;
  /** Writes `termCount` terms with `attemptsPerTerm` graded attempts each, one day apart, in a database of their own. */
  seedReviewHistory(termCount: number, attemptsPerTerm: number): Promise<void>;
  /**
   * Loads the review queue of the seeded history. With `rebuild`, the stored review states
   * are deleted first (untimed), as after a pack import, so every one is replayed and written.
   */
  loadReviewQueueTimed(rebuild: boolean): Promise<ReviewLoadTiming>;
  /** Returns the milliseconds of loadProgressData across all domains over the seeded history, as the Progress screen loads it. */
  loadProgressTimed(): Promise<number>;
  /**
   * Cold-start marks, set on pages opened with `?cold-start&models=<models folder URL>`.
   * The page loads the model, then waits for continueColdStart() before its first grade,
   * so the driver can read the worker's CPU time in between.
   */
  coldStart: Promise<ColdStartMarks> | null;
  /** Resolves when the cold-start model load has finished. */
  coldStartModelReady: Promise<void> | null;
  continueColdStart(): void;
}

declare global {
  interface Window {
    tutorBench?: TutorBenchApi;
  }
}
