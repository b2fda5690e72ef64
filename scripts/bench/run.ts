// `npm run bench`: builds the app and the benchmark page, measures the model in Node
// (onnxruntime-web against onnxruntime-node) and in headless Chromium against the
// production build served on 127.0.0.1, prints Markdown tables and writes
// bench-results/latest.json. `--quick` cuts the repetitions, for trying the script out.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromiumExecutablePath } from '../shared/chromium';
import { buildApp, buildBenchPage, buildFolders } from './build';
import { BROWSER_REPETITIONS, runBrowserStage, type BrowserRepetitions } from './browser-stage';
import { measureColdStart } from './cold-start';
import { recordFirstVisit } from './first-visit';
import { describeMachine } from './machine';
import { openDefaultModelFolder } from './model-folder';
import { latencyCases, NODE_REPETITIONS, runNodeStage, type RepetitionCounts } from './node-stage';
import { renderReport } from './report';
import type { BenchResults, SizeResult } from './results';
import { compressedSizes, measureJavaScriptSizes, sizesOfServedPaths, sumSizes } from './sizes';
import { startStaticServer } from './static-server';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RESULTS_FOLDER = join(REPO_ROOT, 'bench-results');

interface RunSettings {
  quick: boolean;
  node: Record<'fast' | 'slow', RepetitionCounts>;
  browser: BrowserRepetitions;
  coldStart: { launches: number; cachedVisitsPerLaunch: number };
}

function settingsFrom(args: readonly string[]): RunSettings {
  const unknown = args.filter((arg) => arg !== '--quick');
  if (unknown.length > 0) {
    throw new Error(`Unknown argument ${unknown.join(' ')}; the only option is --quick (fewer repetitions).`);
  }
  if (!args.includes('--quick')) {
    return { quick: false, node: NODE_REPETITIONS, browser: BROWSER_REPETITIONS, coldStart: { launches: 3, cachedVisitsPerLaunch: 2 } };
  }
  return {
    quick: true,
    node: { fast: { warmupRuns: 3, timedRuns: 10 }, slow: { warmupRuns: 2, timedRuns: 5 } },
    browser: { sessionWarmupRounds: 3, fullPath: { warmupRuns: 3, timedRuns: 10 }, regrade: { answers: 100, runs: 1 }, reviewLoad: { terms: 500, attemptsPerTerm: 10, runs: 1 } },
    coldStart: { launches: 1, cachedVisitsPerLaunch: 1 },
  };
}

async function timeStage<T>(stageSeconds: Record<string, number>, name: string, stage: () => Promise<T> | T): Promise<T> {
  console.error(`bench: ${name}…`);
  const started = performance.now();
  const result = await stage();
  stageSeconds[name] = Math.round((performance.now() - started) / 100) / 10;
  return result;
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  const machine = describeMachine(chromiumExecutablePath());
  const startedAt = new Date().toISOString();
  const stageSeconds: Record<string, number> = {};
  const folders = buildFolders(REPO_ROOT);

  await timeStage(stageSeconds, 'build', async () => {
    await buildApp(REPO_ROOT, folders.app);
    await buildBenchPage(REPO_ROOT, folders.benchPage);
  });
  const folder = openDefaultModelFolder(join(folders.app, 'models'));
  const cases = latencyCases(folder, settings.node);
  const node = await timeStage(stageSeconds, 'node', () => runNodeStage(folder, cases));

  const server = await startStaticServer([
    { prefix: '/__bench/', folder: folders.benchPage, crossOriginIsolated: true },
    { prefix: '/', folder: folders.app, crossOriginIsolated: false },
  ]);
  console.error(`bench: serving the production build at ${server.origin}/`);
  let results: BenchResults;
  try {
    const browser = await timeStage(stageSeconds, 'browser', () => runBrowserStage(server.origin, folder, cases, settings.browser));
    const coldStart = await timeStage(stageSeconds, 'cold start', () =>
      measureColdStart(server.origin, settings.coldStart.launches, settings.coldStart.cachedVisitsPerLaunch, () =>
        server.log.reduce((sum, entry) => sum + entry.bytes, 0),
      ),
    );
    const sizes = await timeStage(stageSeconds, 'sizes', async (): Promise<SizeResult> => {
      const visit = await recordFirstVisit(server, folder);
      const requested = sizesOfServedPaths(folders.app, visit.requestedPaths).map((file) => ({ ...file, requestedOnPageLoad: true }));
      const fetchedByGrader = sizesOfServedPaths(folders.app, visit.graderPaths).map((file) => ({ ...file, requestedOnPageLoad: false }));
      const files = [...requested, ...fetchedByGrader];
      return {
        model: compressedSizes(folder.manifest.modelFile, readFileSync(folder.modelPath)),
        firstVisit: { files, totals: sumSizes(files), serviceWorkerReady: visit.serviceWorkerReady },
        javaScript: await measureJavaScriptSizes(REPO_ROOT, join(RESULTS_FOLDER, 'app-split')),
      };
    });
    results = {
      format: 'know-it-all-tutor-bench',
      formatVersion: 1,
      startedAt,
      machine,
      model: {
        id: folder.manifest.id,
        version: folder.manifest.version,
        sha256: folder.manifest.files[folder.manifest.modelFile]?.sha256 ?? null,
        bytes: readFileSync(folder.modelPath).length,
      },
      settings: { quick: settings.quick },
      node,
      browser,
      coldStart,
      sizes,
      stageSeconds,
    };
  } finally {
    await server.close();
  }

  mkdirSync(RESULTS_FOLDER, { recursive: true });
  const jsonPath = join(RESULTS_FOLDER, 'latest.json');
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log(renderReport(results));
  console.log(`\nStage times (s): ${Object.entries(stageSeconds).map(([name, seconds]) => `${name} ${seconds}`).join(', ')}`);
  console.log(`Wrote ${jsonPath}`);
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
});
