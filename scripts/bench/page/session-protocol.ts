// Messages between the benchmark page and its session-timing worker.

import type { EncodedPair } from '../../../src/grading/pair-encoder';

export type SessionWorkerRequest =
  | { type: 'load'; modelUrl: string; outputName: string }
  | { type: 'run'; pairs: EncodedPair[]; batched: boolean };

export type SessionWorkerResponse =
  | { type: 'ready' }
  | { type: 'sample'; ms: number; logits: number[] }
  | { type: 'error'; message: string };
