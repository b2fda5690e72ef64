// The fp32 model in onnxruntime-node, only to measure how much int8 quantization loses.
// The app never runs this path. Pairs are encoded by the app's encoder, so the two
// runtimes see identical token ids.

import ortNode from 'onnxruntime-node';

import type { EncodedPair } from '../../src/grading/pair-encoder';

// fp32 results do not depend on batch neighbours (padding is masked), so batching is safe here.
const PAIRS_PER_RUN = 32;

function padded(pairs: EncodedPair[], length: number, valuesOf: (pair: EncodedPair) => number[]): BigInt64Array {
  const data = new BigInt64Array(pairs.length * length);
  pairs.forEach((pair, row) => {
    valuesOf(pair).forEach((value, column) => {
      data[row * length + column] = BigInt(value);
    });
  });
  return data;
}

export class Fp32Scorer {
  readonly #session: ortNode.InferenceSession;
  readonly #outputName: string;

  private constructor(session: ortNode.InferenceSession, outputName: string) {
    this.#session = session;
    this.#outputName = outputName;
  }

  static async open(modelPath: string, outputName: string): Promise<Fp32Scorer> {
    const session = await ortNode.InferenceSession.create(modelPath, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: 1,
    });
    return new Fp32Scorer(session, outputName);
  }

  /** Returns one logit per pair, in input order. */
  async logits(pairs: EncodedPair[]): Promise<Float32Array> {
    const order = pairs.map((_, index) => index).sort((a, b) => (pairs[a] as EncodedPair).inputIds.length - (pairs[b] as EncodedPair).inputIds.length);
    const logits = new Float32Array(pairs.length);
    for (let start = 0; start < order.length; start += PAIRS_PER_RUN) {
      const indices = order.slice(start, start + PAIRS_PER_RUN);
      const run = indices.map((index) => pairs[index] as EncodedPair);
      const length = Math.max(...run.map((pair) => pair.inputIds.length));
      const builders: Record<string, (pair: EncodedPair) => number[]> = {
        input_ids: (pair) => pair.inputIds,
        token_type_ids: (pair) => pair.tokenTypeIds,
        attention_mask: (pair) => pair.inputIds.map(() => 1),
      };
      const feeds: Record<string, ortNode.Tensor> = {};
      for (const name of this.#session.inputNames) {
        const build = builders[name];
        if (!build) {
          throw new Error(`the fp32 model expects input "${name}", which the evaluation cannot build`);
        }
        feeds[name] = new ortNode.Tensor('int64', padded(run, length, build), [run.length, length]);
      }
      const output = (await this.#session.run(feeds))[this.#outputName];
      if (!output || output.size !== run.length) {
        throw new Error(`the fp32 model returned no "${this.#outputName}" of ${run.length} values`);
      }
      const data = output.data as Float32Array;
      indices.forEach((index, position) => {
        logits[index] = data[position] as number;
      });
    }
    return logits;
  }

  async release(): Promise<void> {
    await this.#session.release();
  }
}
