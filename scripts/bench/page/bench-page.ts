// The benchmark page: exposes `window.tutorBench` for the Node driver, and on
// `?cold-start` loads the grader and scores one pair as soon as the script runs.

import { GraderClient } from '../../../src/grading/grader-client';
import type { EncodedPair } from '../../../src/grading/pair-encoder';
import type { GradeRequest, ModelInfo } from '../../../src/grading/types';
import { collectRecalibrationSamples } from '../../../src/learning/recalibration-samples';
import { loadReviewQueue } from '../../../src/learning/review-loader';
import { TutorDatabase } from '../../../src/storage/database';
import type { Attempt, Term } from '../../../src/storage/records';
import { loadProgressData } from '../../../src/ui/screens/progress/progress-data';
import { SAMPLE_PAIRS } from '../sample-pairs';
import type { ColdStartMarks, RegradeTiming, ReviewLoadTiming, SessionRunSample, TutorBenchApi, UserAgentMemory } from './bench-api';
import type { SessionWorkerRequest, SessionWorkerResponse } from './session-protocol';

const scriptStartMs = performance.now();
const BENCH_DATABASE_NAME = 'know-it-all-tutor-bench';
const REVIEW_DATABASE_NAME = 'know-it-all-tutor-bench-review';
const DAY_MS = 24 * 60 * 60 * 1000;

let grader: GraderClient | null = null;
let graderModel: ModelInfo | null = null;
let sessionWorker: Worker | null = null;

function requireGrader(): { client: GraderClient; model: ModelInfo } {
  if (!grader || !graderModel) {
    throw new Error('Call startGrader() before grading.');
  }
  return { client: grader, model: graderModel };
}

async function startGrader(modelBaseUrl: string): Promise<{ readyMs: number }> {
  const started = performance.now();
  grader = new GraderClient({ modelBaseUrl });
  graderModel = await grader.load();
  return { readyMs: performance.now() - started };
}

async function gradeOnce(request: GradeRequest): Promise<number> {
  const { client } = requireGrader();
  const started = performance.now();
  await client.grade(request);
  return performance.now() - started;
}

function askSessionWorker(request: SessionWorkerRequest): Promise<SessionWorkerResponse> {
  const worker = sessionWorker;
  if (!worker) {
    return Promise.reject(new Error('Call startSessionWorker() first.'));
  }
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent<SessionWorkerResponse>): void => {
      worker.removeEventListener('message', onMessage);
      if (event.data.type === 'error') {
        reject(new Error(`Session worker: ${event.data.message}`));
      } else {
        resolve(event.data);
      }
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage(request);
  });
}

async function startSessionWorker(modelUrl: string, outputName: string): Promise<{ readyMs: number }> {
  const started = performance.now();
  sessionWorker = new Worker(new URL('./session-timing.worker.ts', import.meta.url), { type: 'module' });
  await askSessionWorker({ type: 'load', modelUrl, outputName });
  return { readyMs: performance.now() - started };
}

function stopSessionWorker(): void {
  sessionWorker?.terminate();
  sessionWorker = null;
}

async function runSession(pairs: EncodedPair[], batched: boolean): Promise<SessionRunSample> {
  const response = await askSessionWorker({ type: 'run', pairs, batched });
  if (response.type !== 'sample') {
    throw new Error(`Session worker replied to a run request with "${response.type}".`);
  }
  return { ms: response.ms, logits: response.logits };
}

async function seedAttempts(count: number, answers: readonly string[], references: readonly string[]): Promise<void> {
  const db = new TutorDatabase(BENCH_DATABASE_NAME);
  await db.delete();
  await db.open();
  const now = Date.now();
  const terms: Term[] = references.map((reference, index) => ({
    id: `bench-term-${index}`,
    domainId: 'bench-domain',
    subdomainId: '',
    prompt: `Term ${index}`,
    definitions: [reference],
    source: 'benchmark',
    createdAt: now,
    updatedAt: now,
  }));
  // Self-graded attempts have no logit, so recalibration must regrade every one of them.
  const attempts: Attempt[] = Array.from({ length: count }, (_, index) => ({
    id: `bench-attempt-${index}`,
    termId: (terms[index % terms.length] as Term).id,
    domainId: 'bench-domain',
    quizId: 'bench-quiz',
    answer: answers[index % answers.length] as string,
    score: null,
    logit: null,
    bestReferenceIndex: null,
    verdict: index % 3 === 0 ? 'fail' : 'pass',
    override: 'none',
    threshold: 0.5,
    modelId: '',
    modelVersion: '',
    calibrationId: 'self-graded',
    answeredAt: now - index * 1000,
  }));
  await db.terms.bulkAdd(terms);
  await db.attempts.bulkAdd(attempts);
  db.close();
}

async function regradeStored(): Promise<RegradeTiming> {
  const { client, model } = requireGrader();
  const db = new TutorDatabase(BENCH_DATABASE_NAME);
  await db.open();
  let pairs = 0;
  const started = performance.now();
  const collected = await collectRecalibrationSamples(db, model, (requests) => {
    pairs += requests.reduce((sum, request) => sum + request.references.length, 0);
    return client.gradeBatch(requests);
  });
  const ms = performance.now() - started;
  db.close();
  return { ms, regraded: collected.regraded, pairs };
}

async function seedReviewHistory(termCount: number, attemptsPerTerm: number): Promise<void> {
  const db = new TutorDatabase(REVIEW_DATABASE_NAME);
  await db.delete();
  await db.open();
  const now = Date.now();
  const terms: Term[] = Array.from({ length: termCount }, (_, index) => ({
    id: `review-term-${index}`,
    domainId: `review-domain-${index % 10}`,
    subdomainId: '',
    prompt: `Term ${index}`,
    definitions: [`Definition of term ${index}.`],
    source: 'benchmark',
    createdAt: now - attemptsPerTerm * DAY_MS,
    updatedAt: now,
  }));
  // One attempt a day per term, every fourth one failed, so replays go through lapses too.
  const attempts: Attempt[] = terms.flatMap((term, termIndex) =>
    Array.from({ length: attemptsPerTerm }, (_, day): Attempt => {
      const failed = (termIndex + day) % 4 === 0;
      return {
        id: `review-attempt-${termIndex}-${day}`,
        termId: term.id,
        domainId: term.domainId,
        quizId: `review-quiz-${day}`,
        answer: 'An answer.',
        score: failed ? 0.1 : 0.8,
        logit: failed ? -2 : 1.5,
        bestReferenceIndex: 0,
        verdict: failed ? 'fail' : 'pass',
        override: 'none',
        threshold: 0.5,
        modelId: 'bench',
        modelVersion: '1',
        calibrationId: 'shipped',
        answeredAt: now - (attemptsPerTerm - day) * DAY_MS,
      };
    }),
  );
  await db.terms.bulkAdd(terms);
  await db.attempts.bulkAdd(attempts);
  db.close();
}

async function loadReviewQueueTimed(rebuild: boolean): Promise<ReviewLoadTiming> {
  const db = new TutorDatabase(REVIEW_DATABASE_NAME);
  await db.open();
  if (rebuild) {
    await db.reviewStates.clear();
  }
  const statesBefore = await db.reviewStates.count();
  const started = performance.now();
  const queue = await loadReviewQueue(db, null, Date.now());
  const ms = performance.now() - started;
  const statesAfter = await db.reviewStates.count();
  db.close();
  return { ms, statesAdded: statesAfter - statesBefore, dueTerms: queue.due.length };
}

async function loadProgressTimed(): Promise<number> {
  const db = new TutorDatabase(REVIEW_DATABASE_NAME);
  await db.open();
  const started = performance.now();
  await loadProgressData(db, null, Date.now());
  const ms = performance.now() - started;
  db.close();
  return ms;
}

/** The result of performance.measureUserAgentSpecificMemory(), which TypeScript's DOM library does not declare. */
interface MemoryMeasurement {
  bytes: number;
  breakdown: { bytes: number; attribution: { url: string; scope: string }[]; types: string[] }[];
}

async function measureMemory(): Promise<UserAgentMemory | null> {
  const measure = (performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<MemoryMeasurement> })
    .measureUserAgentSpecificMemory;
  if (!measure || !self.crossOriginIsolated) {
    return null;
  }
  const result = await measure.call(performance);
  const workerBytes = result.breakdown
    .filter((entry) => entry.attribution.some((attribution) => attribution.scope === 'DedicatedWorkerGlobalScope'))
    .reduce((sum, entry) => sum + entry.bytes, 0);
  return { totalBytes: result.bytes, workerBytes };
}

let continueColdStart: () => void = () => undefined;
const coldStartContinued = new Promise<void>((resolve) => {
  continueColdStart = resolve;
});

async function runColdStart(client: GraderClient, modelReady: Promise<unknown>): Promise<ColdStartMarks> {
  const typical = SAMPLE_PAIRS.find((pair) => pair.name === 'typical') ?? SAMPLE_PAIRS[0];
  if (!typical) {
    throw new Error('SAMPLE_PAIRS is empty.');
  }
  await modelReady;
  const modelReadyMs = performance.now();
  await coldStartContinued;
  const gradeStarted = performance.now();
  await client.grade({ answer: typical.answer, references: [typical.reference] });
  const firstGradeMs = performance.now() - gradeStarted;
  client.dispose();
  return { scriptStartMs, modelReadyMs, firstGradeMs };
}

const query = new URLSearchParams(location.search);
const coldStartModels = query.has('cold-start') ? query.get('models') : null;
const coldStartClient = coldStartModels === null ? null : new GraderClient({ modelBaseUrl: coldStartModels });
const coldStartModelReady = coldStartClient === null ? null : coldStartClient.load().then(() => undefined);

window.tutorBench = {
  startGrader,
  gradeOnce,
  startSessionWorker,
  runSession,
  stopSessionWorker,
  seedAttempts,
  regradeStored,
  measureMemory,
  seedReviewHistory,
  loadReviewQueueTimed,
  loadProgressTimed,
  coldStart: coldStartClient === null || coldStartModelReady === null ? null : runColdStart(coldStartClient, coldStartModelReady),
  coldStartModelReady,
  continueColdStart: () => continueColdStart(),
};
