// Cold start: navigation → model ready → first score, on a first visit (fresh profile,
// empty HTTP cache) and on repeat visits in the same profile (files revalidated from
// the HTTP cache, compiled WebAssembly possibly reused from Chromium's code cache).
// The page pauses between model ready and its first grade, so that the grader worker's
// CPU time can be read for each phase. The pause is not counted.
// NOTE: this is the benchmark page, not the app: the app's own start-up (Svelte, IndexedDB,
// service worker) and the time until a learner can submit an answer are not in these figures.

import { BENCH_PAGE_PATH, soleWorkerThread } from './browser-stage';
import { launchChromium } from './chromium';
import type { ColdStartMarks } from './page/bench-api';
import { median } from './statistics';
import { threadCpuMs, type ThreadId } from './thread-cpu';

export interface ColdStartSample extends ColdStartMarks {
  /** Grader worker CPU milliseconds from its start to model ready, or null when /proc shows no worker thread. */
  loadWorkerCpuMs: number | null;
  /** Grader worker CPU milliseconds for the first grade. */
  firstGradeWorkerCpuMs: number | null;
}

export interface ColdStartSummary {
  /** Medians over `visits` page loads; ...Ms fields are milliseconds from navigation start. */
  scriptStartMs: number;
  modelReadyMs: number;
  /** Model ready plus the first grade: navigation → first score without the pause. */
  firstScoreMs: number;
  firstGradeMs: number;
  loadWorkerCpuMs: number | null;
  firstGradeWorkerCpuMs: number | null;
  visits: number;
}

export interface ColdStartResult {
  firstVisit: ColdStartSummary;
  cachedVisit: ColdStartSummary;
  samples: { firstVisit: ColdStartSample[]; cachedVisit: ColdStartSample[] };
  /** Bytes the server sent with status 200 during a first visit (median). */
  firstVisitBytes: number;
}

function medianOrNull(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === values.length && present.length > 0 ? median(present) : null;
}

function summarize(samples: readonly ColdStartSample[]): ColdStartSummary {
  return {
    scriptStartMs: median(samples.map((sample) => sample.scriptStartMs)),
    modelReadyMs: median(samples.map((sample) => sample.modelReadyMs)),
    firstScoreMs: median(samples.map((sample) => sample.modelReadyMs + sample.firstGradeMs)),
    firstGradeMs: median(samples.map((sample) => sample.firstGradeMs)),
    loadWorkerCpuMs: medianOrNull(samples.map((sample) => sample.loadWorkerCpuMs)),
    firstGradeWorkerCpuMs: medianOrNull(samples.map((sample) => sample.firstGradeWorkerCpuMs)),
    visits: samples.length,
  };
}

function cpuOf(threads: readonly ThreadId[]): number | null {
  const [thread] = threads;
  return thread ? threadCpuMs(thread) : null;
}

/**
 * Launches a fresh browser `launches` times; each launch makes one first visit and
 * `cachedVisitsPerLaunch` repeat visits.
 */
export async function measureColdStart(
  origin: string,
  launches: number,
  cachedVisitsPerLaunch: number,
  servedBytes: () => number,
): Promise<ColdStartResult> {
  const url = `${origin}${BENCH_PAGE_PATH}?cold-start&models=${encodeURIComponent('/models/')}`;
  const first: ColdStartSample[] = [];
  const cached: ColdStartSample[] = [];
  const firstVisitBytes: number[] = [];
  for (let launch = 0; launch < launches; launch++) {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      for (let visit = 0; visit <= cachedVisitsPerLaunch; visit++) {
        const bytesBefore = servedBytes();
        await page.goto(url);
        await page.evaluate(() => {
          const ready = window.tutorBench?.coldStartModelReady;
          if (!ready) {
            throw new Error('The benchmark page did not start a cold-start measurement; is "?cold-start" in its URL?');
          }
          return ready;
        });
        const threads = await soleWorkerThread(browser.userDataDir, 'the cold start');
        const cpuAtReady = cpuOf(threads);
        await page.evaluate(() => window.tutorBench?.continueColdStart());
        const marks = await page.evaluate(
          () => window.tutorBench?.coldStart ?? Promise.reject(new Error('The benchmark page set no cold-start marks.')),
        );
        const cpuAfterGrade = cpuOf(threads);
        const sample: ColdStartSample = {
          ...marks,
          loadWorkerCpuMs: cpuAtReady,
          firstGradeWorkerCpuMs: cpuAtReady === null || cpuAfterGrade === null ? null : cpuAfterGrade - cpuAtReady,
        };
        if (visit === 0) {
          first.push(sample);
          firstVisitBytes.push(servedBytes() - bytesBefore);
        } else {
          cached.push(sample);
        }
      }
    } finally {
      await browser.close();
    }
  }
  return {
    firstVisit: summarize(first),
    cachedVisit: summarize(cached),
    samples: { firstVisit: first, cachedVisit: cached },
    firstVisitBytes: median(firstVisitBytes),
  };
}
