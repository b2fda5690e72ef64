// Grading: encode each (answer, reference) pair, score the pairs in model runs within
// the batch limits, calibrate the logits with the manifest, and keep each answer's
// best reference. The browser worker, the grade CLI and the evaluation script all
// grade through this class.

import { calibratedScore, verdictFor } from './calibration';
import type { ModelManifest } from './manifest';
import type { ModelBundle } from './model-files';
import { CrossEncoderSession, type WasmRuntimeOptions } from './model-session';
import { PairEncoder, type EncodedPair } from './pair-encoder';
import { validateGradeRequest, validateThreshold } from './request-validation';
import type { GradeRequest, GradeResult, ModelInfo } from './types';

export interface BatchLimits {
  /** Maximum pairs in one model run. */
  maxPairsPerRun: number;
  /**
   * Maximum pairs × padded length in one model run. Attention scores take pairs × 12
   * heads × length² × 4 bytes, so 8192 tokens at length 128 is about 50 MB per layer.
   */
  maxTokensPerRun: number;
}

/**
 * One pair per run by default, because the int8 model quantizes activations with one
 * scale per tensor (DynamicQuantizeLinear): in a multi-pair run, each pair's logit
 * depends on the other pairs and the padding. Measured on STS-B dev pairs, 32-pair runs
 * moved logits by up to 0.012 and saved only 15-25% of the time, so a pair scores the
 * same whether the quiz, the CLI or the evaluation grades it. Callers that prefer speed
 * may raise `maxPairsPerRun`.
 */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxPairsPerRun: 1, maxTokensPerRun: 8192 };

export interface GraderOptions extends WasmRuntimeOptions {
  batchLimits?: BatchLimits;
}

export class Grader {
  readonly manifest: ModelManifest;
  readonly info: ModelInfo;
  readonly #encoder: PairEncoder;
  readonly #session: CrossEncoderSession;
  readonly #batchLimits: BatchLimits;
  // onnxruntime-web runs one request at a time per session, so runs are chained.
  #runQueue: Promise<unknown> = Promise.resolve();

  private constructor(manifest: ModelManifest, encoder: PairEncoder, session: CrossEncoderSession, batchLimits: BatchLimits) {
    this.manifest = manifest;
    this.#encoder = encoder;
    this.#session = session;
    this.#batchLimits = batchLimits;
    this.info = {
      id: manifest.id,
      version: manifest.version,
      threshold: manifest.calibration.threshold,
      maxSequenceLength: manifest.maxSequenceLength,
    };
  }

  /** Builds the tokenizer and starts the model session from a verified bundle. */
  static async create(bundle: ModelBundle, options: GraderOptions = {}): Promise<Grader> {
    const { manifest } = bundle;
    const encoder = new PairEncoder(bundle.tokenizerJson, bundle.tokenizerConfig, manifest.maxSequenceLength);
    const session = await CrossEncoderSession.create(bundle.modelBytes, manifest.output.name, options);
    return new Grader(manifest, encoder, session, options.batchLimits ?? DEFAULT_BATCH_LIMITS);
  }

  /** Converts a raw logit to the calibrated score in [0, 1]. */
  score(logit: number): number {
    return calibratedScore(logit, this.manifest.calibration);
  }

  /** Encodes one pair as the model sees it, truncated to the manifest's maximum length. */
  encode(first: string, second: string): EncodedPair {
    return this.#encoder.encode(first, second);
  }

  /**
   * Returns the raw logit of each (first, second) pair, in input order. Pairs are
   * sorted by length and split into runs within the batch limits, so each run is
   * padded only to its own longest pair.
   */
  async pairLogits(pairs: ReadonlyArray<readonly [string, string]>): Promise<Float32Array> {
    // Repeated pairs (the same answer from several learners) are scored once.
    const uniqueIndexByKey = new Map<string, number>();
    const uniqueIndexOfPair = pairs.map(([first, second]) => {
      const key = JSON.stringify([first, second]);
      let uniqueIndex = uniqueIndexByKey.get(key);
      if (uniqueIndex === undefined) {
        uniqueIndex = uniqueIndexByKey.size;
        uniqueIndexByKey.set(key, uniqueIndex);
      }
      return uniqueIndex;
    });
    const encoded: EncodedPair[] = [];
    pairs.forEach(([first, second], index) => {
      const uniqueIndex = uniqueIndexOfPair[index] as number;
      if (uniqueIndex === encoded.length) {
        encoded.push(this.#encoder.encode(first, second));
      }
    });

    const order = encoded.map((_, index) => index).sort((a, b) => lengthAt(encoded, a) - lengthAt(encoded, b));
    const uniqueLogits = new Float32Array(encoded.length);
    for (const run of this.#splitIntoRuns(order, encoded)) {
      const runLogits = await this.#exclusive(() => this.#session.logits(run.map((index) => encoded[index] as EncodedPair)));
      run.forEach((index, position) => {
        uniqueLogits[index] = runLogits[position] as number;
      });
    }
    return Float32Array.from(uniqueIndexOfPair, (uniqueIndex) => uniqueLogits[uniqueIndex] as number);
  }

  /** Grades one answer against all its references. */
  async grade(request: GradeRequest, threshold?: number): Promise<GradeResult> {
    const [result] = await this.gradeBatch([request], threshold);
    return result as GradeResult;
  }

  /** Grades many answers; results are in request order. */
  async gradeBatch(requests: readonly GradeRequest[], threshold?: number): Promise<GradeResult[]> {
    requests.forEach((request, index) => validateGradeRequest(request, `requests[${index}]`));
    validateThreshold(threshold);
    const passThreshold = threshold ?? this.manifest.calibration.threshold;
    const pairs = requests.flatMap((request) => request.references.map((reference) => [request.answer, reference] as const));
    const logits = await this.pairLogits(pairs);

    let cursor = 0;
    return requests.map((request) => {
      const requestLogits = Array.from(logits.subarray(cursor, cursor + request.references.length));
      cursor += request.references.length;
      return this.#resultFor(requestLogits, passThreshold);
    });
  }

  async dispose(): Promise<void> {
    await this.#exclusive(() => this.#session.release());
  }

  #resultFor(logits: number[], threshold: number): GradeResult {
    const referenceScores = logits.map((logit) => this.score(logit));
    let bestReferenceIndex = 0;
    referenceScores.forEach((score, index) => {
      if (score > (referenceScores[bestReferenceIndex] as number)) {
        bestReferenceIndex = index;
      }
    });
    const score = referenceScores[bestReferenceIndex] as number;
    return {
      score,
      logit: logits[bestReferenceIndex] as number,
      verdict: verdictFor(score, threshold),
      bestReferenceIndex,
      referenceScores,
      threshold,
    };
  }

  *#splitIntoRuns(sortedIndices: number[], encoded: EncodedPair[]): Generator<number[]> {
    const { maxPairsPerRun, maxTokensPerRun } = this.#batchLimits;
    let run: number[] = [];
    for (const index of sortedIndices) {
      // Indices are sorted by length, so the newest pair is the longest of the run.
      const paddedTokens = (run.length + 1) * lengthAt(encoded, index);
      if (run.length > 0 && (run.length >= maxPairsPerRun || paddedTokens > maxTokensPerRun)) {
        yield run;
        run = [];
      }
      run.push(index);
    }
    if (run.length > 0) {
      yield run;
    }
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#runQueue.then(task);
    this.#runQueue = result.catch(() => undefined);
    return result;
  }
}

function lengthAt(encoded: EncodedPair[], index: number): number {
  return (encoded[index] as EncodedPair).inputIds.length;
}
