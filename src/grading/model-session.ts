// The cross-encoder running in onnxruntime-web's WebAssembly backend, in the browser
// worker and in Node alike. It turns encoded pairs into raw logits and leaves
// calibration to the caller.

import * as ort from 'onnxruntime-web/wasm';

import { GraderError } from './errors';
import type { EncodedPair } from './pair-encoder';

export interface WasmRuntimeOptions {
  /**
   * Location of onnxruntime-web's `.wasm` file: a folder URL or path ending in "/",
   * or per-file URLs. When absent, onnxruntime-web looks next to its own script.
   */
  wasmPaths?: ort.Env.WasmPrefixOrFilePaths;
}

const PAD_TOKEN_ID = 0n;

let configured = false;

/**
 * Sets onnxruntime-web's global WebAssembly flags. They are read when the first session
 * starts, so later calls cannot change them and are ignored.
 */
export function configureWasmRuntime(options: WasmRuntimeOptions = {}): void {
  if (configured) {
    return;
  }
  configured = true;
  // One thread: a worker per thread would need cross-origin isolation, which a static host may not offer.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.simd = true;
  ort.env.wasm.proxy = false;
  if (options.wasmPaths !== undefined) {
    ort.env.wasm.wasmPaths = options.wasmPaths;
  }
}

type InputBuilder = (pairs: EncodedPair[], sequenceLength: number) => BigInt64Array;

/** Builds each model input the session may name, padded to the batch's longest pair. */
const INPUT_BUILDERS: Record<string, InputBuilder> = {
  input_ids: (pairs, length) => fillPadded(pairs, length, (pair) => pair.inputIds, PAD_TOKEN_ID),
  token_type_ids: (pairs, length) => fillPadded(pairs, length, (pair) => pair.tokenTypeIds, 0n),
  attention_mask: (pairs, length) => fillPadded(pairs, length, (pair) => pair.inputIds.map(() => 1), 0n),
};

function fillPadded(
  pairs: EncodedPair[],
  sequenceLength: number,
  valuesOf: (pair: EncodedPair) => number[],
  padding: bigint,
): BigInt64Array {
  const data = new BigInt64Array(pairs.length * sequenceLength).fill(padding);
  pairs.forEach((pair, row) => {
    valuesOf(pair).forEach((value, column) => {
      data[row * sequenceLength + column] = BigInt(value);
    });
  });
  return data;
}

export class CrossEncoderSession {
  readonly inputNames: readonly string[];
  readonly outputName: string;
  readonly #session: ort.InferenceSession;

  private constructor(session: ort.InferenceSession, outputName: string) {
    this.#session = session;
    this.inputNames = session.inputNames;
    this.outputName = outputName;
  }

  /** Starts a session on the model bytes, with every graph optimisation on. */
  static async create(modelBytes: Uint8Array, outputName: string, options: WasmRuntimeOptions = {}): Promise<CrossEncoderSession> {
    configureWasmRuntime(options);
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(modelBytes, {
        executionProviders: ['wasm'],
        graphOptimizationLevel: 'all',
      });
    } catch (error) {
      throw new GraderError('session-failed', `onnxruntime-web could not load the model: ${describe(error)}`, { cause: error });
    }
    const unknownInputs = session.inputNames.filter((name) => !(name in INPUT_BUILDERS));
    if (unknownInputs.length > 0) {
      await session.release();
      throw new GraderError(
        'session-failed',
        `The model expects inputs ${unknownInputs.join(', ')}, which the grader cannot build; it builds ${Object.keys(INPUT_BUILDERS).join(', ')}.`,
      );
    }
    if (!session.outputNames.includes(outputName)) {
      await session.release();
      throw new GraderError(
        'session-failed',
        `The model has no output "${outputName}" named by the manifest; its outputs are ${session.outputNames.join(', ')}.`,
      );
    }
    return new CrossEncoderSession(session, outputName);
  }

  /** Scores the pairs in one model run; returns one logit per pair. */
  async logits(pairs: EncodedPair[]): Promise<Float32Array> {
    if (pairs.length === 0) {
      return new Float32Array(0);
    }
    const sequenceLength = Math.max(...pairs.map((pair) => pair.inputIds.length));
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.inputNames) {
      const build = INPUT_BUILDERS[name];
      if (build) {
        feeds[name] = new ort.Tensor('int64', build(pairs, sequenceLength), [pairs.length, sequenceLength]);
      }
    }

    let output: ort.Tensor | undefined;
    try {
      const results = await this.#session.run(feeds, [this.outputName]);
      output = results[this.outputName];
    } catch (error) {
      throw new GraderError('inference-failed', `The model run failed on ${pairs.length} pairs: ${describe(error)}`, {
        cause: error,
      });
    } finally {
      for (const tensor of Object.values(feeds)) {
        tensor.dispose();
      }
    }
    if (!output || output.type !== 'float32' || output.size !== pairs.length) {
      throw new GraderError(
        'inference-failed',
        `The model returned ${output ? `${output.type} of shape [${output.dims.join(', ')}]` : 'no output'}; expected float32 [${pairs.length}, 1].`,
      );
    }
    const logits = Float32Array.from(output.data as Float32Array);
    output.dispose();
    return logits;
  }

  async release(): Promise<void> {
    await this.#session.release();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
