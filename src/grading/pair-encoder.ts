// Encodes (answer, reference) as one BERT pair: [CLS] answer [SEP] reference [SEP],
// with token type 0 for the first part and 1 for the second. @huggingface/tokenizers
// 0.2.0 has no truncation, so this file cuts long pairs the way the Rust `tokenizers`
// library behind Python's `transformers` does with truncation='longest_first'.

import { Tokenizer } from '@huggingface/tokenizers';

import { GraderError } from './errors';

export interface EncodedPair {
  inputIds: number[];
  tokenTypeIds: number[];
}

/** Special tokens around a BERT pair: [CLS] before, [SEP] after each part. */
const PAIR_SPECIAL_TOKEN_COUNT = 3;

/**
 * Returns how many tokens of each part survive longest_first truncation to `budget`
 * tokens (the maximum length minus the special tokens).
 *
 * The shorter part stays whole when the longer one can absorb the cut. Otherwise both
 * keep half of the budget, and an odd token goes to the longer part, or to the second
 * part when both are equally long. This is the rule of `truncate_encodings` in the
 * Rust `tokenizers` crate, checked against the fixture from make_tokenizer_fixture.py.
 */
export function truncatedPairLengths(firstLength: number, secondLength: number, budget: number): [number, number] {
  if (firstLength + secondLength <= budget) {
    return [firstLength, secondLength];
  }
  const shorterLength = Math.min(firstLength, secondLength);
  let keptOfShorter: number;
  let keptOfLonger: number;
  if (2 * shorterLength <= budget) {
    keptOfShorter = shorterLength;
    keptOfLonger = budget - shorterLength;
  } else {
    keptOfShorter = Math.floor(budget / 2);
    keptOfLonger = keptOfShorter + (budget % 2);
  }
  return firstLength > secondLength ? [keptOfLonger, keptOfShorter] : [keptOfShorter, keptOfLonger];
}

export class PairEncoder {
  readonly maxSequenceLength: number;
  readonly #tokenizer: Tokenizer;

  /**
   * @param tokenizerJson parsed `tokenizer.json`
   * @param tokenizerConfig parsed `tokenizer_config.json`
   * @param maxSequenceLength pair length limit in tokens, special tokens included
   */
  constructor(tokenizerJson: object, tokenizerConfig: object, maxSequenceLength: number) {
    if (!Number.isInteger(maxSequenceLength) || maxSequenceLength <= PAIR_SPECIAL_TOKEN_COUNT) {
      throw new GraderError(
        'invalid-manifest',
        `maxSequenceLength ${maxSequenceLength} is invalid: it must be an integer above ${PAIR_SPECIAL_TOKEN_COUNT}, the number of special tokens in a pair.`,
      );
    }
    this.maxSequenceLength = maxSequenceLength;
    this.#tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  }

  /** Encodes one pair, truncated to `maxSequenceLength` tokens. */
  encode(answer: string, reference: string): EncodedPair {
    const pair = this.#tokenizer.encode(answer, { text_pair: reference, return_token_type_ids: true });
    if (pair.ids.length <= this.maxSequenceLength) {
      return { inputIds: pair.ids, tokenTypeIds: pair.token_type_ids };
    }

    // Each part tokenizes alone exactly as inside the pair, so its length locates it in `pair`.
    const firstLength = this.#tokenizer.encode(answer, { add_special_tokens: false }).ids.length;
    const secondLength = this.#tokenizer.encode(reference, { add_special_tokens: false }).ids.length;
    if (firstLength + secondLength + PAIR_SPECIAL_TOKEN_COUNT !== pair.ids.length) {
      throw new GraderError(
        'session-failed',
        `The tokenizer does not build pairs as [CLS] A [SEP] B [SEP] (${pair.ids.length} tokens for parts of ${firstLength} and ${secondLength}), so pairs cannot be truncated.`,
      );
    }
    const [keptFirst, keptSecond] = truncatedPairLengths(
      firstLength,
      secondLength,
      this.maxSequenceLength - PAIR_SPECIAL_TOKEN_COUNT,
    );
    const secondStart = firstLength + 2;
    const keep = <T>(values: T[]): T[] => [
      ...values.slice(0, 1 + keptFirst),
      ...values.slice(1 + firstLength, secondStart + keptSecond),
      ...values.slice(values.length - 1),
    ];
    return { inputIds: keep(pair.ids), tokenTypeIds: keep(pair.token_type_ids) };
  }
}
