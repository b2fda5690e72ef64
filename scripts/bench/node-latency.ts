// Scores the same encoded pairs with onnxruntime-web (WebAssembly, SIMD, one thread)
// and onnxruntime-node (native CPU, one intra-op and one inter-op thread) in one Node
// process. Runs alternate between the two runtimes, and the order flips each round, so
// both see the same background load and neither always runs with a warmer cache.

import { readFileSync } from 'node:fs';

import * as ortNode from 'onnxruntime-node';

import { CrossEncoderSession } from '../../src/grading/model-session';
import { onnxRuntimeWasmFolder } from '../../src/grading/node/load-grader';
import type { EncodedPair } from '../../src/grading/pair-encoder';
import { packPairs } from './feeds';
import { median, summarizeLatency, type LatencySummary } from './statistics';

export interface ScoringRuntime {
  name: 'wasm' | 'native';
  /** Milliseconds that InferenceSession.create took, from model bytes in memory. */
  sessionCreateMs: number;
  /** Runs the model once on the pairs, padded to the longest, and returns logits[:, 0]. */
  score(pairs: EncodedPair[]): Promise<Float32Array>;
}

export interface NodeLatencyCase {
  name: string;
  /** Pairs scored per timed sample. */
  pairs: number;
  /** Token count of each pair, special tokens included. */
  tokens: number[];
  /** Wall-clock milliseconds per sample. */
  wasm: LatencySummary;
  native: LatencySummary;
  /** CPU milliseconds of the whole process per sample; other processes on the machine change it much less than wall-clock time. */
  wasmCpu: LatencySummary;
  nativeCpu: LatencySummary;
  /** wasm p50 ÷ native p50, wall-clock. */
  ratioP50: number;
  /** wasm p50 ÷ native p50, CPU time. */
  cpuRatioP50: number;
  /** Largest |wasm logit − native logit| over the case's pairs. */
  maxLogitDifference: number;
}

export interface NodeLatencyResult {
  wasmSessionCreateMs: number;
  nativeSessionCreateMs: number;
  cases: NodeLatencyCase[];
}

export interface LatencyCaseInput {
  name: string;
  pairs: EncodedPair[];
  /** Score the pairs as one padded batch (true) or as one run per pair (false). */
  batched: boolean;
  warmupRuns: number;
  timedRuns: number;
}

/** The grader's own session wrapper, with the options it uses in the browser worker. */
export async function createWasmRuntime(modelBytes: Uint8Array, outputName: string): Promise<ScoringRuntime> {
  const started = performance.now();
  const session = await CrossEncoderSession.create(modelBytes, outputName, { wasmPaths: onnxRuntimeWasmFolder() });
  const sessionCreateMs = performance.now() - started;
  return { name: 'wasm', sessionCreateMs, score: (pairs) => session.logits(pairs) };
}

export async function createNativeRuntime(modelBytes: Uint8Array): Promise<ScoringRuntime> {
  const started = performance.now();
  const session = await ortNode.InferenceSession.create(modelBytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const sessionCreateMs = performance.now() - started;
  return {
    name: 'native',
    sessionCreateMs,
    async score(pairs) {
      // Packing happens inside the timed call, as it does inside CrossEncoderSession.logits.
      const batch = packPairs(pairs);
      const feeds = {
        input_ids: new ortNode.Tensor('int64', batch.inputIds, batch.dims),
        attention_mask: new ortNode.Tensor('int64', batch.attentionMask, batch.dims),
        token_type_ids: new ortNode.Tensor('int64', batch.tokenTypeIds, batch.dims),
      };
      const outputs = await session.run(feeds);
      const data = outputs.logits?.data;
      if (!(data instanceof Float32Array) || data.length !== pairs.length) {
        throw new Error(`onnxruntime-node returned no float32 "logits" of shape [${pairs.length}, 1]; outputs: ${Object.keys(outputs).join(', ')}.`);
      }
      return data;
    },
  };
}

interface CaseSample {
  ms: number;
  cpuMs: number;
  /** One logit per pair, in pair order. */
  logits: number[];
}

/** Scores a case once and returns its wall-clock and CPU milliseconds and the logits. */
async function scoreCase(runtime: ScoringRuntime, batches: readonly EncodedPair[][]): Promise<CaseSample> {
  const logits: number[] = [];
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  for (const batch of batches) {
    logits.push(...(await runtime.score(batch)));
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, logits };
}

async function measureCase(wasm: ScoringRuntime, native: ScoringRuntime, input: LatencyCaseInput): Promise<NodeLatencyCase> {
  const batches = input.batched ? [input.pairs] : input.pairs.map((pair) => [pair]);
  const samples = { wasm: [] as number[], native: [] as number[] };
  const cpuSamples = { wasm: [] as number[], native: [] as number[] };
  let maxLogitDifference = 0;
  for (let round = 0; round < input.warmupRuns + input.timedRuns; round++) {
    const order = round % 2 === 0 ? [wasm, native] : [native, wasm];
    const logitsByRuntime = new Map<string, number[]>();
    for (const runtime of order) {
      const sample = await scoreCase(runtime, batches);
      logitsByRuntime.set(runtime.name, sample.logits);
      if (round >= input.warmupRuns) {
        samples[runtime.name].push(sample.ms);
        cpuSamples[runtime.name].push(sample.cpuMs);
      }
    }
    const wasmLogits = logitsByRuntime.get('wasm') ?? [];
    const nativeLogits = logitsByRuntime.get('native') ?? [];
    wasmLogits.forEach((logit, index) => {
      maxLogitDifference = Math.max(maxLogitDifference, Math.abs(logit - (nativeLogits[index] ?? Number.NaN)));
    });
  }
  const wasmSummary = summarizeLatency(samples.wasm);
  const nativeSummary = summarizeLatency(samples.native);
  const wasmCpu = summarizeLatency(cpuSamples.wasm);
  const nativeCpu = summarizeLatency(cpuSamples.native);
  return {
    name: input.name,
    pairs: input.pairs.length,
    tokens: input.pairs.map((pair) => pair.inputIds.length),
    wasm: wasmSummary,
    native: nativeSummary,
    wasmCpu,
    nativeCpu,
    ratioP50: wasmSummary.p50 / nativeSummary.p50,
    cpuRatioP50: wasmCpu.p50 / nativeCpu.p50,
    maxLogitDifference,
  };
}

/** Rounds over all cases, untimed, before the first timed case. */
const SESSION_WARMUP_ROUNDS = 10;

/** Measures every case on both runtimes, loading the model file once for each. */
export async function measureNodeLatency(
  modelPath: string,
  outputName: string,
  cases: readonly LatencyCaseInput[],
): Promise<NodeLatencyResult> {
  const modelBytes = new Uint8Array(readFileSync(modelPath));
  const wasm = await createWasmRuntime(modelBytes, outputName);
  const native = await createNativeRuntime(modelBytes);
  // The first runs of a session are many times slower than later ones, so every shape is
  // run a few times before any case is timed.
  for (let round = 0; round < SESSION_WARMUP_ROUNDS; round++) {
    for (const input of cases) {
      for (const runtime of [wasm, native]) {
        await scoreCase(runtime, [input.pairs]);
      }
    }
  }
  const results: NodeLatencyCase[] = [];
  for (const input of cases) {
    results.push(await measureCase(wasm, native, input));
  }
  return { wasmSessionCreateMs: wasm.sessionCreateMs, nativeSessionCreateMs: native.sessionCreateMs, cases: results };
}

/** Median milliseconds to encode one pair with the grader's tokenizer, over `runs` encodings. */
export function measureEncodeMs(encode: () => void, warmupRuns: number, runs: number): number {
  for (let i = 0; i < warmupRuns; i++) {
    encode();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    encode();
    samples.push(performance.now() - started);
  }
  return median(samples);
}
