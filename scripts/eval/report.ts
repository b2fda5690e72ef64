// Output of the model evaluation: a text report, JSON, and the `metrics` field of the
// manifest. Also reads fp32 figures recorded at build time when the fp32 file is absent.

import { readFile, writeFile } from 'node:fs/promises';

import type { ModelManifest } from '../../src/grading/manifest';
import type { EvaluationFigures, Fp32Figures } from './evaluation';

function formatFigure(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(4);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Returns the fp32 STS-B figures stored in the manifest: those the Python build wrote
 * under `build.fp32`, else those an earlier `model:eval --write` measured. Null if none.
 */
export function recordedFp32Figures(manifest: ModelManifest): Fp32Figures | null {
  const build = (manifest as unknown as Record<string, unknown>).build;
  if (isRecord(build) && isRecord(build.fp32)) {
    const dev = numberOrNull(build.fp32.stsb_dev_spearman);
    const test = numberOrNull(build.fp32.stsb_test_spearman);
    if (dev !== null || test !== null) {
      return { source: 'recorded at build time (manifest build.fp32, Python onnxruntime)', stsbDevSpearman: dev, stsbTestSpearman: test };
    }
  }
  const stsb = isRecord(manifest.metrics.stsb) ? manifest.metrics.stsb : null;
  if (stsb && isRecord(stsb.fp32)) {
    const dev = numberOrNull(stsb.fp32.stsbDevSpearman);
    const test = numberOrNull(stsb.fp32.stsbTestSpearman);
    if (dev !== null || test !== null) {
      return { source: 'recorded by an earlier model:eval --write (manifest metrics.stsb.fp32)', stsbDevSpearman: dev, stsbTestSpearman: test };
    }
  }
  return null;
}

/** Formats the figures as the text report `npm run model:eval` prints. */
export function formatReport(figures: EvaluationFigures): string {
  const { model, stsb, semevalHeldOut, orderSensitivity, cases, targets } = figures;
  const lines = [
    `Model ${model.id} ${model.version}: pass threshold ${model.threshold}, max ${model.maxSequenceLength} tokens per pair`,
    `Evaluated with ${figures.evaluatedWith}`,
    '',
    `STS-B Spearman (dev ${stsb.devPairs} pairs, test ${stsb.testPairs} pairs)`,
    `  int8, WebAssembly:   dev ${formatFigure(stsb.int8DevSpearman)}   test ${formatFigure(stsb.int8TestSpearman)}`,
    `  fp32:                dev ${formatFigure(stsb.fp32.stsbDevSpearman)}   test ${formatFigure(stsb.fp32.stsbTestSpearman)}   (${stsb.fp32.source})`,
    `  fp32 - int8 loss:    dev ${formatFigure(stsb.int8LossDev)}   test ${formatFigure(stsb.int8LossTest)}`,
    '',
    `SemEval-2013 2-way, held-out questions (${semevalHeldOut.questions} questions, ${semevalHeldOut.answers} answers), threshold ${semevalHeldOut.threshold}`,
    `  accuracy ${formatFigure(semevalHeldOut.accuracy)}   macro-F1 ${formatFigure(semevalHeldOut.macroF1)}`,
    '',
    `Order sensitivity on STS-B test (${orderSensitivity.pairs} pairs), mean |s(a, b) - s(b, a)|`,
    `  calibrated score ${formatFigure(orderSensitivity.meanAbsDifferenceScore)}   sigmoid(logit) ${formatFigure(orderSensitivity.meanAbsDifferenceSigmoidLogit)}`,
    '',
    'Cases (answer vs reference)',
    ...cases.map(
      (item) =>
        `  ${item.verdict.padEnd(4)} score ${formatFigure(item.score)}  logit ${item.logit.toFixed(3).padStart(7)}  "${item.answer}" vs "${item.reference}" (expected ${item.expected})`,
    ),
    '',
    'Targets',
    ...targets.map((target) => `  ${target.met ? 'pass' : 'MISS'}  ${target.name}: ${formatFigure(target.value)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function rounded(value: unknown): unknown {
  if (typeof value === 'number') {
    return Math.round(value * 1e4) / 1e4;
  }
  if (Array.isArray(value)) {
    return value.map(rounded);
  }
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rounded(item)]));
  }
  return value;
}

/** Returns the figures as stored in the manifest: the model block dropped, numbers rounded to 4 decimals. */
export function metricsForManifest(figures: EvaluationFigures): Record<string, unknown> {
  const { model: _model, ...metrics } = figures;
  return rounded(metrics) as Record<string, unknown>;
}

/**
 * Replaces `metrics` in a manifest file, keeping every other field and the key order,
 * as pretty JSON with 2-space indentation and a final newline.
 */
export async function writeManifestMetrics(manifestPath: string, metrics: Record<string, unknown>): Promise<void> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.metrics = metrics;
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}
