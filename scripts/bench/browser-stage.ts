// The browser half of the benchmark, on the production build served from 127.0.0.1:
// model runs in a worker, the full grading path as the quiz UI sees it, regrading
// stored answers, loading the review queue, and memory. Cold start is in cold-start.ts.

import type { Page } from 'playwright-core';

import type { EncodedPair } from '../../src/grading/pair-encoder';
import type { GradeRequest } from '../../src/grading/types';
import { launchChromium } from './chromium';
import type { ModelFolder } from './model-folder';
import type { LatencyCaseInput } from './node-latency';
import type { RegradeTiming, ReviewLoadTiming, UserAgentMemory } from './page/bench-api';
import { SAMPLE_ANSWERS, SAMPLE_PAIRS, SAMPLE_TERM } from './sample-pairs';
import { median, summarizeLatency, type LatencySummary } from './statistics';
import { findBrowserPid, findDedicatedWorkerThreads, peakResidentBytes, threadCpuMs, type ThreadId } from './thread-cpu';

export const BENCH_PAGE_PATH = '/__bench/index.html';

export interface WorkerLatencyCase {
  name: string;
  tokens: number[];
  /** Milliseconds inside the worker around CrossEncoderSession.logits. */
  wall: LatencySummary;
  /** CPU milliseconds of the worker thread per sample, or null when /proc shows no worker thread. */
  cpu: LatencySummary | null;
}

export interface FullPathCase {
  name: string;
  references: number;
  /** Milliseconds from GraderClient.grade() to its result, measured in the page. */
  wall: LatencySummary;
  /** CPU milliseconds of the grader worker thread per grade: tokenizing, model runs and calibration. */
  workerCpu: LatencySummary | null;
}

export interface ThroughputResult {
  answers: number;
  pairs: number;
  runs: RegradeTiming[];
  medianMs: number;
  answersPerSecond: number;
  /** Median CPU milliseconds of the grader worker thread per run, or null when /proc shows no worker thread. */
  medianWorkerCpuMs: number | null;
  /** Answers per second of worker CPU time: the rate on an otherwise idle core. */
  answersPerCpuSecond: number | null;
}

export interface ReviewLoadResult {
  terms: number;
  attempts: number;
  /** Loads after the review states were cleared, so every term was replayed and written. */
  rebuild: ReviewLoadTiming[];
  /** Loads with every stored state current: the Review screen's usual visit. */
  current: ReviewLoadTiming[];
  rebuildMedianMs: number;
  currentMedianMs: number;
  /** Milliseconds per load of the Progress screen's data across all domains, states current. */
  progressMs: number[];
  progressMedianMs: number;
}

export interface MemoryResult {
  /** measureUserAgentSpecificMemory() bytes of dedicated workers, after the model loaded and after regrading. */
  workerBytesAfterLoad: number | null;
  workerBytesAfterRegrade: number | null;
  /** Peak resident set size of the renderer process that hosts the page and its workers. */
  rendererPeakResidentBytes: number | null;
}

export interface BrowserStageResult {
  sessionWorkerReadyMs: number;
  workerLatency: WorkerLatencyCase[];
  graderReadyMs: number;
  fullPath: FullPathCase[];
  throughput: ThroughputResult;
  reviewLoad: ReviewLoadResult;
  memory: MemoryResult;
}

export interface BrowserRepetitions {
  /** Untimed rounds over every case before the first timed one. */
  sessionWarmupRounds: number;
  fullPath: { warmupRuns: number; timedRuns: number };
  regrade: { answers: number; runs: number };
  reviewLoad: { terms: number; attemptsPerTerm: number; runs: number };
}

export const BROWSER_REPETITIONS: BrowserRepetitions = {
  sessionWarmupRounds: 10,
  fullPath: { warmupRuns: 10, timedRuns: 30 },
  regrade: { answers: 1000, runs: 3 },
  // A year of study for a heavy learner: 2,000 terms answered ten times each.
  reviewLoad: { terms: 2000, attemptsPerTerm: 10, runs: 5 },
};

/**
 * Typed calls into `window.tutorBench`. Each callback is a plain arrow function because
 * Playwright sends its source text to the page, where no imports exist.
 */
export function benchPageApi(page: Page) {
  return {
    startSessionWorker: (modelUrl: string, outputName: string) =>
      page.evaluate(([url, name]) => window.tutorBench!.startSessionWorker(url, name), [modelUrl, outputName] as const),
    runSession: (pairs: EncodedPair[], batched: boolean) =>
      page.evaluate(([runPairs, runBatched]) => window.tutorBench!.runSession(runPairs, runBatched), [pairs, batched] as const),
    stopSessionWorker: () => page.evaluate(() => window.tutorBench!.stopSessionWorker()),
    startGrader: (modelBaseUrl: string) => page.evaluate((url) => window.tutorBench!.startGrader(url), modelBaseUrl),
    gradeOnce: (request: GradeRequest) => page.evaluate((gradeRequest) => window.tutorBench!.gradeOnce(gradeRequest), request),
    seedAttempts: (count: number, answers: readonly string[], references: readonly string[]) =>
      page.evaluate(
        ([attemptCount, attemptAnswers, termReferences]) =>
          window.tutorBench!.seedAttempts(attemptCount, attemptAnswers, termReferences),
        [count, answers, references] as const,
      ),
    regradeStored: () => page.evaluate(() => window.tutorBench!.regradeStored()),
    seedReviewHistory: (terms: number, attemptsPerTerm: number) =>
      page.evaluate(([termCount, perTerm]) => window.tutorBench!.seedReviewHistory(termCount, perTerm), [terms, attemptsPerTerm] as const),
    loadReviewQueueTimed: (rebuild: boolean) => page.evaluate((clear) => window.tutorBench!.loadReviewQueueTimed(clear), rebuild),
    loadProgressTimed: () => page.evaluate(() => window.tutorBench!.loadProgressTimed()),
    measureMemory: () => page.evaluate(() => window.tutorBench!.measureMemory()),
  };
}

type BenchPageApi = ReturnType<typeof benchPageApi>;

/** Opens the benchmark page and waits until it has set `window.tutorBench`. */
export async function openBenchPage(page: Page, url: string): Promise<BenchPageApi> {
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.tutorBench !== undefined, undefined, { timeout: 30_000 });
  } catch (error) {
    throw new Error(`The benchmark page at ${url} did not set window.tutorBench within 30 s; see the browser console output above.`, {
      cause: error,
    });
  }
  return benchPageApi(page);
}

function workerThreadCpuMs(threads: readonly ThreadId[]): number | null {
  if (threads.length === 0) {
    return null;
  }
  return threads.reduce((sum, thread) => sum + threadCpuMs(thread), 0);
}

async function measureWorkerLatency(
  api: BenchPageApi,
  cases: readonly LatencyCaseInput[],
  warmupRounds: number,
  threads: readonly ThreadId[],
): Promise<WorkerLatencyCase[]> {
  for (let round = 0; round < warmupRounds; round++) {
    for (const input of cases) {
      await api.runSession(input.pairs, input.batched);
    }
  }
  const results: WorkerLatencyCase[] = [];
  for (const input of cases) {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < input.warmupRuns + input.timedRuns; run++) {
      // Only the worker thread is read, so the page's own messaging work is not counted.
      const cpuBefore = workerThreadCpuMs(threads);
      const sample = await api.runSession(input.pairs, input.batched);
      const cpuAfter = workerThreadCpuMs(threads);
      if (run >= input.warmupRuns) {
        wall.push(sample.ms);
        if (cpuBefore !== null && cpuAfter !== null) {
          cpu.push(cpuAfter - cpuBefore);
        }
      }
    }
    results.push({
      name: input.name,
      tokens: input.pairs.map((pair) => pair.inputIds.length),
      wall: summarizeLatency(wall),
      cpu: cpu.length > 0 ? summarizeLatency(cpu) : null,
    });
  }
  return results;
}

function fullPathRequests(): { name: string; request: GradeRequest }[] {
  const requests = SAMPLE_PAIRS.filter((pair) => pair.name !== 'long').map((pair) => ({
    name: `${pair.name} pair`,
    request: { answer: pair.answer, references: [pair.reference] },
  }));
  requests.push({ name: '4 references', request: { answer: SAMPLE_TERM.answer, references: [...SAMPLE_TERM.references] } });
  return requests;
}

async function measureFullPath(
  api: BenchPageApi,
  name: string,
  request: GradeRequest,
  repetitions: { warmupRuns: number; timedRuns: number },
  threads: readonly ThreadId[],
): Promise<FullPathCase> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < repetitions.warmupRuns + repetitions.timedRuns; run++) {
    const cpuBefore = workerThreadCpuMs(threads);
    const ms = await api.gradeOnce(request);
    const cpuAfter = workerThreadCpuMs(threads);
    if (run >= repetitions.warmupRuns) {
      wall.push(ms);
      if (cpuBefore !== null && cpuAfter !== null) {
        cpu.push(cpuAfter - cpuBefore);
      }
    }
  }
  return {
    name,
    references: request.references.length,
    wall: summarizeLatency(wall),
    workerCpu: cpu.length > 0 ? summarizeLatency(cpu) : null,
  };
}

async function measureThroughput(
  api: BenchPageApi,
  answers: number,
  runs: number,
  threads: readonly ThreadId[],
): Promise<ThroughputResult> {
  await api.seedAttempts(answers, SAMPLE_ANSWERS, [...SAMPLE_TERM.references, ...SAMPLE_PAIRS.map((pair) => pair.reference)]);
  const timings: RegradeTiming[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const cpuBefore = workerThreadCpuMs(threads);
    timings.push(await api.regradeStored());
    const cpuAfter = workerThreadCpuMs(threads);
    if (cpuBefore !== null && cpuAfter !== null) {
      cpu.push(cpuAfter - cpuBefore);
    }
  }
  const medianMs = median(timings.map((timing) => timing.ms));
  const medianWorkerCpuMs = cpu.length > 0 ? median(cpu) : null;
  return {
    answers,
    pairs: timings[0]?.pairs ?? 0,
    runs: timings,
    medianMs,
    answersPerSecond: (answers / medianMs) * 1000,
    medianWorkerCpuMs,
    answersPerCpuSecond: medianWorkerCpuMs === null ? null : (answers / medianWorkerCpuMs) * 1000,
  };
}

/**
 * Times the Review screen's queue load on the page thread over a seeded history: once
 * per run after clearing the review states, then once with them current. Each run also
 * times the Progress screen's data load.
 */
async function measureReviewLoad(api: BenchPageApi, settings: BrowserRepetitions['reviewLoad']): Promise<ReviewLoadResult> {
  await api.seedReviewHistory(settings.terms, settings.attemptsPerTerm);
  const rebuild: ReviewLoadTiming[] = [];
  const current: ReviewLoadTiming[] = [];
  const progressMs: number[] = [];
  for (let run = 0; run < settings.runs; run++) {
    rebuild.push(await api.loadReviewQueueTimed(true));
    current.push(await api.loadReviewQueueTimed(false));
    progressMs.push(await api.loadProgressTimed());
  }
  return {
    terms: settings.terms,
    attempts: settings.terms * settings.attemptsPerTerm,
    rebuild,
    current,
    rebuildMedianMs: median(rebuild.map((timing) => timing.ms)),
    currentMedianMs: median(current.map((timing) => timing.ms)),
    progressMs,
    progressMedianMs: median(progressMs),
  };
}

/**
 * Returns the one dedicated-worker thread of the browser, or none (with a message) when
 * there is not exactly one. A terminated worker's thread may take a moment to exit, so
 * the search is repeated for up to two seconds.
 */
export async function soleWorkerThread(userDataDir: string, purpose: string): Promise<ThreadId[]> {
  const browserPid = findBrowserPid(userDataDir);
  let threads: ThreadId[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    threads = browserPid === null ? [] : findDedicatedWorkerThreads(browserPid);
    if (threads.length === 1) {
      return threads;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.error(`Found ${threads.length} dedicated-worker threads instead of 1, so ${purpose} is reported without worker CPU time.`);
  return [];
}

function workerBytes(memory: UserAgentMemory | null): number | null {
  return memory === null ? null : memory.workerBytes;
}

export async function runBrowserStage(
  origin: string,
  folder: ModelFolder,
  cases: readonly LatencyCaseInput[],
  repetitions: BrowserRepetitions = BROWSER_REPETITIONS,
): Promise<BrowserStageResult> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        console.error(`[browser ${message.type()}] ${message.text()}`);
      }
    });
    const api = await openBenchPage(page, `${origin}${BENCH_PAGE_PATH}`);
    const modelFolderUrl = `${origin}/models/${folder.manifest.id}/`;

    const sessionWorker = await api.startSessionWorker(`${modelFolderUrl}${folder.manifest.modelFile}`, folder.manifest.output.name);
    const sessionThreads = await soleWorkerThread(browser.userDataDir, 'the session worker latency');
    const workerLatency = await measureWorkerLatency(api, cases, repetitions.sessionWarmupRounds, sessionThreads);

    await api.stopSessionWorker();
    const grader = await api.startGrader(`${origin}/models/`);
    const workerBytesAfterLoad = workerBytes(await api.measureMemory());
    const graderThreads = await soleWorkerThread(browser.userDataDir, 'the grading path');
    const fullPath: FullPathCase[] = [];
    for (const { name, request } of fullPathRequests()) {
      fullPath.push(await measureFullPath(api, name, request, repetitions.fullPath, graderThreads));
    }

    const throughput = await measureThroughput(api, repetitions.regrade.answers, repetitions.regrade.runs, graderThreads);
    const workerBytesAfterRegrade = workerBytes(await api.measureMemory());
    const reviewLoad = await measureReviewLoad(api, repetitions.reviewLoad);
    const rendererPids = graderThreads.map((thread) => thread.pid);
    const rendererPeaks = rendererPids.map(peakResidentBytes).filter((bytes): bytes is number => bytes !== null);
    return {
      sessionWorkerReadyMs: sessionWorker.readyMs,
      workerLatency,
      graderReadyMs: grader.readyMs,
      fullPath,
      throughput,
      reviewLoad,
      memory: {
        workerBytesAfterLoad,
        workerBytesAfterRegrade,
        rendererPeakResidentBytes: rendererPeaks.length > 0 ? Math.max(...rendererPeaks) : null,
      },
    };
  } finally {
    await browser.close();
  }
}
