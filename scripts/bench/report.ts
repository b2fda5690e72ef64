// Renders bench-results/latest.json as Markdown tables, for the terminal and for
// docs/benchmarks.md.

import type { BrowserStageResult } from './browser-stage';
import type { ColdStartSummary } from './cold-start';
import type { BenchResults } from './results';
import type { LatencySummary } from './statistics';

function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return 'n/a';
  }
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function p50p95(summary: LatencySummary | null | undefined): string {
  return summary ? `${ms(summary.p50)} / ${ms(summary.p95)}` : 'n/a';
}

function ratio(numerator: number | null | undefined, denominator: number | null | undefined): string {
  if (numerator === null || numerator === undefined || !denominator) {
    return 'n/a';
  }
  return `${(numerator / denominator).toFixed(2)}×`;
}

function kib(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) {
    return 'n/a';
  }
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    lines.push(`| ${row.join(' | ')} |`);
  }
  return lines.join('\n');
}

function workerCase(browser: BrowserStageResult, name: string) {
  return browser.workerLatency.find((entry) => entry.name === name);
}

function coldStartRow(label: string, visit: ColdStartSummary): string[] {
  return [
    label,
    String(visit.visits),
    ms(visit.scriptStartMs),
    ms(visit.modelReadyMs),
    ms(visit.firstScoreMs),
    ms(visit.firstGradeMs),
    ms(visit.loadWorkerCpuMs),
    ms(visit.firstGradeWorkerCpuMs),
  ];
}

export function machineLine(results: BenchResults): string {
  const machine = results.machine;
  const load = machine.loadAverage.map((value) => value.toFixed(1)).join(', ');
  return (
    `${machine.cpuModel}, ${machine.logicalCores} logical cores (${machine.cpuFlags.join(' ')}), ` +
    `${machine.totalMemoryMiB} MiB; ${machine.platform}; Node ${machine.nodeVersion}; ${machine.chromiumVersion}; ` +
    `load average ${load} at start; model ${results.model.id} ${results.model.version} ` +
    `(sha256 ${results.model.sha256?.slice(0, 12) ?? 'unknown'}…); ${results.startedAt}`
  );
}

export function renderReport(results: BenchResults): string {
  const { node, browser, coldStart, sizes } = results;
  const sections: string[] = [];
  sections.push(`Machine: ${machineLine(results)}${results.settings.quick ? ' (quick run: fewer repetitions)' : ''}`);

  sections.push(
    '### Model run per answer, ms (p50 / p95)\n\n' +
      'One model run on pre-encoded pairs. "CPU" is the CPU time of the thread doing the work, ' +
      'which other processes on the machine change much less than "wall", the elapsed time.\n\n' +
      table(
        ['pairs', 'tokens', 'wasm, browser worker, wall', 'wasm, browser worker, CPU', 'wasm, Node, CPU', 'native, Node, CPU', 'native, Node, wall', 'worker ÷ native (CPU p50)', 'wasm ÷ native in one Node process (CPU p50)'],
        node.cases.map((entry) => {
          const worker = workerCase(browser, entry.name);
          return [
            entry.name,
            entry.tokens.join(', '),
            p50p95(worker?.wall),
            p50p95(worker?.cpu),
            p50p95(entry.wasmCpu),
            p50p95(entry.nativeCpu),
            p50p95(entry.native),
            ratio(worker?.cpu?.p50, entry.nativeCpu.p50),
            ratio(entry.wasmCpu.p50, entry.nativeCpu.p50),
          ];
        }),
      ) +
      `\n\nTokenizing the typical pair: ${node.typicalPairEncodeMs.toFixed(3)} ms (Node, median). ` +
      `Largest |wasm − native| logit: ${Math.max(...node.cases.map((entry) => entry.maxLogitDifference)).toExponential(1)}.`,
  );

  sections.push(
    '### Full grading path as the UI sees it, ms (p50 / p95)\n\n' +
      'GraderClient.grade() from the page: message to the worker, tokenizing, model runs, calibration, message back.\n\n' +
      table(
        ['request', 'references', 'page wall', 'worker CPU'],
        browser.fullPath.map((entry) => [entry.name, String(entry.references), p50p95(entry.wall), p50p95(entry.workerCpu)]),
      ),
  );

  sections.push(
    '### Cold start (median)\n\n' +
      'Milliseconds from navigation start on the benchmark page, which loads the grader as soon as its script runs. ' +
      '"first score" is model ready plus the first grade. Worker CPU is the grader worker thread\'s CPU time.\n\n' +
      table(
        ['visit', 'visits', 'script runs', 'model ready', 'first score', 'first grade', 'worker CPU to ready', 'worker CPU, first grade'],
        [coldStartRow('first visit (empty cache)', coldStart.firstVisit), coldStartRow('repeat visit (cached)', coldStart.cachedVisit)],
      ) +
      `\n\nDownloaded on a first visit to the benchmark page: ${kib(coldStart.firstVisitBytes)}.`,
  );

  const throughput = browser.throughput;
  sections.push(
    '### Regrading stored answers (recalibration)\n\n' +
      table(
        ['answers', 'pairs', 'wall, median', 'answers/s (wall)', 'worker CPU, median', 'answers per CPU-second'],
        [[
          String(throughput.answers),
          String(throughput.pairs),
          `${(throughput.medianMs / 1000).toFixed(1)} s`,
          throughput.answersPerSecond.toFixed(1),
          throughput.medianWorkerCpuMs === null ? 'n/a' : `${(throughput.medianWorkerCpuMs / 1000).toFixed(1)} s`,
          throughput.answersPerCpuSecond?.toFixed(1) ?? 'n/a',
        ]],
      ),
  );

  const reviewLoad = browser.reviewLoad;
  sections.push(
    '### Loading the review queue and progress\n\n' +
      `loadReviewQueue across all domains on the page thread, over ${reviewLoad.terms} terms with ` +
      `${reviewLoad.attempts} stored answers (median of ${reviewLoad.current.length} runs). With every review state current it ` +
      'reads only the states and the terms; "rebuild" first clears the states, as after a pack import, so it reads every answer, ' +
      'replays each term and writes its state.\n\n' +
      table(
        ['visit', 'ms', 'states added', 'due terms'],
        [
          ['states current (usual visit)', ms(reviewLoad.currentMedianMs), String(reviewLoad.current[0]?.statesAdded ?? 'n/a'), String(reviewLoad.current[0]?.dueTerms ?? 'n/a')],
          ['states cleared (rebuild)', ms(reviewLoad.rebuildMedianMs), String(reviewLoad.rebuild[0]?.statesAdded ?? 'n/a'), String(reviewLoad.rebuild[0]?.dueTerms ?? 'n/a')],
        ],
      ) +
      `\n\nThe Progress screen's data over the same answers (loadProgressData, all domains, states current): ${ms(reviewLoad.progressMedianMs)} ms.`,
  );

  sections.push(
    '### Memory\n\n' +
      table(
        ['measure', 'value'],
        [
          ['grader worker, measureUserAgentSpecificMemory, after model load', kib(browser.memory.workerBytesAfterLoad)],
          ['grader worker, measureUserAgentSpecificMemory, after regrading', kib(browser.memory.workerBytesAfterRegrade)],
          ['renderer process peak RSS (VmHWM; page and workers)', kib(browser.memory.rendererPeakResidentBytes)],
        ],
      ),
  );

  sections.push(
    '### Sizes\n\n' +
      table(
        ['file (first visit)', 'raw', 'gzip', 'brotli'],
        [
          ...sizes.firstVisit.files.map((file) => [
            `${file.path}${file.requestedOnPageLoad ? '' : ' (fetched by the grader)'}`,
            kib(file.raw),
            kib(file.gzip),
            `${kib(file.brotli)}${file.brotliQuality === 11 ? '' : ` (q${file.brotliQuality})`}`,
          ]),
          ['**total**', kib(sizes.firstVisit.totals.raw), kib(sizes.firstVisit.totals.gzip), kib(sizes.firstVisit.totals.brotli)],
        ],
      ) +
      '\n\n' +
      table(
        ['JavaScript', 'raw', 'gzip', 'brotli'],
        [
          ['app, workers and libraries, without onnxruntime-web', kib(sizes.javaScript.app.raw), kib(sizes.javaScript.app.gzip), kib(sizes.javaScript.app.brotli)],
          ['onnxruntime-web JavaScript', kib(sizes.javaScript.runtime.raw), kib(sizes.javaScript.runtime.gzip), kib(sizes.javaScript.runtime.brotli)],
          ['all', kib(sizes.javaScript.all.raw), kib(sizes.javaScript.all.gzip), kib(sizes.javaScript.all.brotli)],
        ],
      ) +
      `\n\nModel file: ${kib(sizes.model.raw)} raw, ${kib(sizes.model.gzip)} gzip, ${kib(sizes.model.brotli)} brotli (q${sizes.model.brotliQuality}).` +
      (sizes.firstVisit.serviceWorkerReady ? '' : ' No service worker became ready during the first visit.'),
  );
  return sections.join('\n\n');
}
