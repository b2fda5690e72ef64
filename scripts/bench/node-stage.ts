// The Node half of the benchmark: the same encoded pairs through onnxruntime-web and
// onnxruntime-node, plus the tokenizer's share of the time.

import type { EncodedPair } from '../../src/grading/pair-encoder';
import type { ModelFolder } from './model-folder';
import { measureEncodeMs, measureNodeLatency, type LatencyCaseInput, type NodeLatencyResult } from './node-latency';
import { SAMPLE_PAIRS, SAMPLE_TERM } from './sample-pairs';

export interface NodeStageResult extends NodeLatencyResult {
  /** Median milliseconds to encode the typical pair with the grader's PairEncoder. */
  typicalPairEncodeMs: number;
}

export interface RepetitionCounts {
  warmupRuns: number;
  timedRuns: number;
}

/** Warm-up and timed runs per case; long pairs and batches get fewer because each run is slower. */
export const NODE_REPETITIONS: Record<'fast' | 'slow', RepetitionCounts> = {
  fast: { warmupRuns: 15, timedRuns: 60 },
  slow: { warmupRuns: 10, timedRuns: 30 },
};

export function termPairs(folder: ModelFolder): EncodedPair[] {
  return SAMPLE_TERM.references.map((reference) => folder.encoder.encode(SAMPLE_TERM.answer, reference));
}

export function latencyCases(folder: ModelFolder, repetitions = NODE_REPETITIONS): LatencyCaseInput[] {
  const cases: LatencyCaseInput[] = SAMPLE_PAIRS.map((pair) => ({
    name: `${pair.name} pair`,
    pairs: [folder.encoder.encode(pair.answer, pair.reference)],
    batched: true,
    ...(pair.name === 'long' ? repetitions.slow : repetitions.fast),
  }));
  cases.push(
    { name: '4 references, one run', pairs: termPairs(folder), batched: true, ...repetitions.slow },
    { name: '4 references, 4 runs', pairs: termPairs(folder), batched: false, ...repetitions.slow },
  );
  return cases;
}

export async function runNodeStage(folder: ModelFolder, cases: readonly LatencyCaseInput[]): Promise<NodeStageResult> {
  const latency = await measureNodeLatency(folder.modelPath, folder.manifest.output.name, cases);
  const typical = SAMPLE_PAIRS.find((pair) => pair.name === 'typical');
  if (!typical) {
    throw new Error('SAMPLE_PAIRS has no typical pair.');
  }
  const typicalPairEncodeMs = measureEncodeMs(() => folder.encoder.encode(typical.answer, typical.reference), 200, 1000);
  return { ...latency, typicalPairEncodeMs };
}
