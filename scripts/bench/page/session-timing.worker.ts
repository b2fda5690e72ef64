// Runs the grader's CrossEncoderSession in a worker of its own and times each model
// run inside the worker, so the figure has no messaging, tokenizing or calibration in it.
// It loads the same .wasm file and model file as the grader worker.

import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

import { CrossEncoderSession } from '../../../src/grading/model-session';
import type { SessionWorkerRequest, SessionWorkerResponse } from './session-protocol';

interface WorkerScope {
  readonly location: { readonly href: string };
  postMessage(message: SessionWorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SessionWorkerRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;
let session: CrossEncoderSession | null = null;

async function load(modelUrl: string, outputName: string): Promise<void> {
  const response = await fetch(modelUrl);
  if (!response.ok) {
    throw new Error(`Could not download ${modelUrl}: HTTP ${response.status}.`);
  }
  const modelBytes = new Uint8Array(await response.arrayBuffer());
  session = await CrossEncoderSession.create(modelBytes, outputName, {
    wasmPaths: { wasm: new URL(wasmUrl, scope.location.href).href },
  });
}

async function handle(request: SessionWorkerRequest): Promise<SessionWorkerResponse> {
  if (request.type === 'load') {
    await load(request.modelUrl, request.outputName);
    return { type: 'ready' };
  }
  if (!session) {
    throw new Error('The session worker received a run request before a load request.');
  }
  const runs = request.batched ? [request.pairs] : request.pairs.map((pair) => [pair]);
  const logits: number[] = [];
  const started = performance.now();
  for (const run of runs) {
    logits.push(...(await session.logits(run)));
  }
  return { type: 'sample', ms: performance.now() - started, logits };
}

scope.addEventListener('message', (event) => {
  handle(event.data).then(
    (response) => scope.postMessage(response),
    (error: unknown) => scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
