// Builds model inputs from encoded pairs. Both runtimes get byte-identical int64
// inputs, so a latency difference between them is the runtime's and not the input's.

import type { EncodedPair } from '../../src/grading/pair-encoder';

export interface PairBatchArrays {
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
  /** [batch, sequence]; sequence is the longest pair's length, shorter pairs are padded with token 0. */
  dims: [number, number];
}

/** Packs pairs into one right-padded batch, the padding masked out by attention_mask = 0. */
export function packPairs(pairs: readonly EncodedPair[]): PairBatchArrays {
  if (pairs.length === 0) {
    throw new RangeError('Cannot pack an empty batch of pairs.');
  }
  const sequence = Math.max(...pairs.map((pair) => pair.inputIds.length));
  const size = pairs.length * sequence;
  const inputIds = new BigInt64Array(size);
  const attentionMask = new BigInt64Array(size);
  const tokenTypeIds = new BigInt64Array(size);
  pairs.forEach((pair, row) => {
    const offset = row * sequence;
    pair.inputIds.forEach((id, column) => {
      inputIds[offset + column] = BigInt(id);
      attentionMask[offset + column] = 1n;
      tokenTypeIds[offset + column] = BigInt(pair.tokenTypeIds[column] ?? 0);
    });
  });
  return { inputIds, attentionMask, tokenTypeIds, dims: [pairs.length, sequence] };
}
