// Cold start: navigation → model ready → first score, on a first visit (fresh profile,
// empty HTTP cache) and on repeat visits in the same profile (files revalidated from
// the HTTP cache, compiled WebAssembly possibly reused from Chromium's code cache).

import { launchChromium } from './chromium';
import type { ColdStartMarks } from './page/bench-api';
import { BENCH_PAGE_PATH } from './browser-stage';
import { median } from './statistics';

export interface ColdStartSummary {
  /** Median milliseconds from navigation start, over `visits` page loads. */
  modelReadyMs: number;
  firstScoreMs: number;
  /** Median milliseconds from navigation start until the page's script ran. */
  scriptStartMs: number;
  visits: number;
}

export interface ColdStartResult {
  firstVisit: ColdStartSummary;
  cachedVisit: ColdStartSummary;
  /** Bytes the server sent with status 200 during the first visits, per visit. */
  firstVisitBytes: number;
}

function summarize(marks: readonly ColdStartMarks[]): ColdStartSummary {
  return {
    scriptStartMs: median(marks.map((mark) => mark.scriptStartMs)),
    modelReadyMs: median(marks.map((mark) => mark.modelReadyMs)),
    firstScoreMs: median(marks.map((mark) => mark.firstScoreMs)),
    visits: marks.length,
  };
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
  const first: ColdStartMarks[] = [];
  const cached: ColdStartMarks[] = [];
  const firstVisitBytes: number[] = [];
  for (let launch = 0; launch < launches; launch++) {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      for (let visit = 0; visit <= cachedVisitsPerLaunch; visit++) {
        const bytesBefore = servedBytes();
        await page.goto(url);
        const marks = await page.evaluate(() => {
          const pending = window.tutorBench?.coldStart;
          if (!pending) {
            throw new Error('The benchmark page did not start a cold-start measurement; is "?cold-start" in its URL?');
          }
          return pending;
        });
        if (visit === 0) {
          first.push(marks);
          firstVisitBytes.push(servedBytes() - bytesBefore);
        } else {
          cached.push(marks);
        }
      }
    } finally {
      await browser.close();
    }
  }
  return { firstVisit: summarize(first), cachedVisit: summarize(cached), firstVisitBytes: median(firstVisitBytes) };
}
