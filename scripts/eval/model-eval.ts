// Measures the shipped model through the app's grading module and prints the figures and
// targets. Run: npm run model:eval -- [--model DIR] [--fp32 FILE] [--write] [--json] [--strict]

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { MANIFEST_FILE } from '../../src/grading/model-files';
import { defaultModelFolder, loadGraderFromFolder } from '../../src/grading/node/load-grader';
import { dataFolder, loadSemevalHeldOut, loadStsb } from './datasets';
import { evaluate, type EvaluationInput } from './evaluation';
import { Fp32Scorer } from './fp32-scorer';
import { formatReport, metricsForManifest, recordedFp32Figures, writeManifestMetrics } from './report';

const HELP = `Usage: npm run model:eval -- [options]

Measures the int8 model through the app's grading module (onnxruntime-web, WebAssembly
backend, in Node): STS-B dev and test Spearman, SemEval-2013 2-way held-out accuracy and
macro-F1 at the manifest threshold, order sensitivity on STS-B test, four named cases,
and whether each target is met. fp32 figures come from onnxruntime-node when the fp32
file exists, else from the figures recorded in the manifest.

Options:
  --model DIR   model folder with manifest.json (default: the default model in public/models)
  --fp32 FILE   fp32 ONNX file (default: .model-build/<model id>/model.fp32.onnx in the repository)
  --write       store the figures in the manifest's "metrics" field
  --json        print the figures as JSON instead of the text report
  --strict      exit with status 1 when a target is missed
  -h, --help    print this help

Data: the folder named by TUTOR_DATA_DIR, default ../shared/data beside the repository.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      model: { type: 'string' },
      fp32: { type: 'string' },
      write: { type: 'boolean' },
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const log = (message: string): void => {
    process.stderr.write(`model:eval: ${message}\n`);
  };
  const started = performance.now();

  const modelFolder = resolve(values.model ?? (await defaultModelFolder()));
  const grader = await loadGraderFromFolder(modelFolder);
  const fp32Path = resolve(values.fp32 ?? join(modelFolder, '..', '..', '..', '.model-build', grader.manifest.id, 'model.fp32.onnx'));
  let fp32: EvaluationInput['fp32'];
  if (existsSync(fp32Path)) {
    fp32 = { scorer: await Fp32Scorer.open(fp32Path, grader.manifest.output.name), source: `onnxruntime-node on ${fp32Path}` };
  } else if (values.fp32 !== undefined) {
    throw new Error(`--fp32 ${values.fp32}: file not found`);
  } else {
    fp32 = recordedFp32Figures(grader.manifest) ?? { source: `not measured: ${fp32Path} is absent and the manifest records no fp32 figures`, stsbDevSpearman: null, stsbTestSpearman: null };
    log(`${fp32Path} not found; using ${fp32.source}`);
  }

  const folder = dataFolder();
  log(`reading data from ${folder}`);
  const figures = await evaluate({
    grader,
    stsbDev: await loadStsb('dev', folder),
    stsbTest: await loadStsb('test', folder),
    semevalHeldOut: await loadSemevalHeldOut(folder),
    fp32,
    log,
  });
  await grader.dispose();
  if ('scorer' in fp32) {
    await fp32.scorer.release();
  }

  process.stdout.write(values.json ? `${JSON.stringify(figures, null, 2)}\n` : formatReport(figures));
  if (values.write) {
    const manifestPath = join(modelFolder, MANIFEST_FILE);
    await writeManifestMetrics(manifestPath, metricsForManifest(figures));
    log(`wrote the figures to ${manifestPath} under "metrics"`);
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return values.strict && figures.targets.some((target) => !target.met) ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`model:eval: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
