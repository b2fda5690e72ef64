// Compares onnxruntime-web session settings and model files on the typical pair, in
// CPU milliseconds per model run, against onnxruntime-node on the same file. Used to
// decide which settings the grader ships; `npm run bench` measures only the shipped ones.
//
//   npx tsx scripts/bench/session-experiments.ts [extra-model.onnx ...]
//
// Each extra model file is run with the shipped settings, so a model format (fp32,
// per-channel int8) can be compared before the pipeline changes what it ships.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web/wasm';

import { onnxRuntimeWasmFolder } from '../../src/grading/node/load-grader';
import type { EncodedPair } from '../../src/grading/pair-encoder';
import { packPairs, type PairBatchArrays } from './feeds';
import { openDefaultModelFolder } from './model-folder';
import { SAMPLE_PAIRS } from './sample-pairs';
import { summarizeLatency, type LatencySummary } from './statistics';

type Run = (batch: PairBatchArrays) => Promise<unknown>;

interface Variant {
  name: string;
  modelPath: string;
  start: (modelBytes: Uint8Array) => Promise<Run>;
}

const WARMUP_RUNS = 30;
const TIMED_RUNS = 60;

function webStarter(options: ortWeb.InferenceSession.SessionOptions): (modelBytes: Uint8Array) => Promise<Run> {
  return async (modelBytes) => {
    const session = await ortWeb.InferenceSession.create(modelBytes, { executionProviders: ['wasm'], ...options });
    return (batch) =>
      session.run({
        input_ids: new ortWeb.Tensor('int64', batch.inputIds, batch.dims),
        attention_mask: new ortWeb.Tensor('int64', batch.attentionMask, batch.dims),
        token_type_ids: new ortWeb.Tensor('int64', batch.tokenTypeIds, batch.dims),
      });
  };
}

async function startNative(modelBytes: Uint8Array): Promise<Run> {
  const session = await ortNode.InferenceSession.create(modelBytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  return (batch) =>
    session.run({
      input_ids: new ortNode.Tensor('int64', batch.inputIds, batch.dims),
      attention_mask: new ortNode.Tensor('int64', batch.attentionMask, batch.dims),
      token_type_ids: new ortNode.Tensor('int64', batch.tokenTypeIds, batch.dims),
    });
}

async function cpuMsOf(run: Run, batch: PairBatchArrays): Promise<number> {
  const before = process.cpuUsage();
  await run(batch);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * Runs every variant once per round, round after round, so a change in the machine's
 * load during the measurement touches all variants alike.
 */
async function measureInterleaved(runs: readonly Run[], batch: PairBatchArrays): Promise<LatencySummary[]> {
  const samples: number[][] = runs.map(() => []);
  for (let round = 0; round < WARMUP_RUNS + TIMED_RUNS; round++) {
    for (const [index, run] of runs.entries()) {
      const cpuMs = await cpuMsOf(run, batch);
      if (round >= WARMUP_RUNS) {
        samples[index]?.push(cpuMs);
      }
    }
  }
  return samples.map((variantSamples) => summarizeLatency(variantSamples));
}

async function main(): Promise<void> {
  ortWeb.env.wasm.numThreads = 1;
  ortWeb.env.wasm.simd = true;
  ortWeb.env.wasm.wasmPaths = onnxRuntimeWasmFolder();
  const folder = openDefaultModelFolder(resolve('public/models'));
  const typical = SAMPLE_PAIRS.find((pair) => pair.name === 'typical');
  if (!typical) {
    throw new Error('SAMPLE_PAIRS has no typical pair.');
  }
  const pair: EncodedPair = folder.encoder.encode(typical.answer, typical.reference);
  const batch = packPairs([pair]);
  const shipped = folder.modelPath;
  // The first variant is the reference for the ratio column.
  const variants: Variant[] = [
    { name: 'native, optimisation all', modelPath: shipped, start: startNative },
    { name: 'wasm, optimisation all (shipped)', modelPath: shipped, start: webStarter({ graphOptimizationLevel: 'all' }) },
    { name: 'wasm, optimisation extended', modelPath: shipped, start: webStarter({ graphOptimizationLevel: 'extended' }) },
    { name: 'wasm, optimisation basic', modelPath: shipped, start: webStarter({ graphOptimizationLevel: 'basic' }) },
    { name: 'wasm, optimisation disabled', modelPath: shipped, start: webStarter({ graphOptimizationLevel: 'disabled' }) },
    { name: 'wasm, all, no memory pattern', modelPath: shipped, start: webStarter({ graphOptimizationLevel: 'all', enableMemPattern: false }) },
    { name: 'wasm, all, no CPU memory arena', modelPath: shipped, start: webStarter({ graphOptimizationLevel: 'all', enableCpuMemArena: false }) },
  ];
  for (const extra of process.argv.slice(2)) {
    variants.push(
      { name: `native, ${extra}`, modelPath: extra, start: startNative },
      { name: `wasm, ${extra}`, modelPath: extra, start: webStarter({ graphOptimizationLevel: 'all' }) },
    );
  }
  console.log(`Typical pair, ${pair.inputIds.length} tokens; CPU ms per run over ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs.`);
  const runs: Run[] = [];
  for (const variant of variants) {
    runs.push(await variant.start(new Uint8Array(readFileSync(variant.modelPath))));
  }
  const summaries = await measureInterleaved(runs, batch);
  const nativeP50 = summaries[0]?.p50 ?? Number.NaN;
  console.log('| variant | CPU p50 | CPU p95 | ÷ native p50 |\n| --- | --- | --- | --- |');
  variants.forEach((variant, index) => {
    const summary = summaries[index];
    if (summary) {
      console.log(`| ${variant.name} | ${summary.p50.toFixed(1)} | ${summary.p95.toFixed(1)} | ${(summary.p50 / nativeP50).toFixed(2)}× |`);
    }
  });
}

main().catch((error: unknown) => {
  console.error('session-experiments failed:', error);
  process.exitCode = 1;
});
