// The grader's Web Worker: downloads and verifies the model, then grades on request,
// so tokenizing and model runs never block the page. Speaks the messages in
// src/grading/protocol.ts.

import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

import { GraderError, toGraderError } from '../src/grading/errors';
import { Grader } from '../src/grading/grader';
import { HttpModelSource, loadModelBundle, resolveModelFolderUrl } from '../src/grading/model-files';
import { CacheStorageModelStore, hasCacheStorage } from '../src/offline/model-cache';
import {
  errorMessageFrom,
  isGraderRequestMessage,
  type GraderRequestMessage,
  type GraderResponseMessage,
  type LoadMessage,
} from '../src/grading/protocol';
import type { GradeResult } from '../src/grading/types';

/** The parts of DedicatedWorkerGlobalScope this file uses; the project compiles against the DOM library. */
interface WorkerScope {
  readonly location: { readonly href: string };
  postMessage(message: GraderResponseMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
  close(): void;
}

const scope = self as unknown as WorkerScope;

let loading: Promise<Grader> | null = null;
let loadedFrom: string | null = null;

function post(message: GraderResponseMessage): void {
  scope.postMessage(message);
}

function postError(id: number | null, error: unknown, fallbackCode: GraderError['code']): void {
  const graderError = toGraderError(error, fallbackCode);
  console.error(`[grader worker] request ${id ?? '(none)'} failed with ${graderError.code}:`, error);
  post(errorMessageFrom(id, graderError));
}

async function startGrader(message: LoadMessage): Promise<Grader> {
  const folderUrl = await resolveModelFolderUrl(message.modelBaseUrl, message.modelId);
  // Verified model files are kept in Cache Storage for offline use, where the context has it.
  const store = hasCacheStorage() ? new CacheStorageModelStore() : undefined;
  const bundle = await loadModelBundle(
    new HttpModelSource(folderUrl),
    (progress) => post({ type: 'progress', id: message.id, progress }),
    store,
  );
  // onnxruntime-web needs an absolute URL, and Vite emits the .wasm under a hashed name.
  return Grader.create(bundle, { wasmPaths: { wasm: new URL(wasmUrl, scope.location.href).href } });
}

async function handleLoad(message: LoadMessage): Promise<void> {
  const requested = `${message.modelBaseUrl}#${message.modelId ?? ''}`;
  if (loading && loadedFrom !== requested) {
    throw new GraderError('invalid-request', `This worker already loads ${loadedFrom}; start a new GraderClient for another model.`);
  }
  if (!loading) {
    loadedFrom = requested;
    loading = startGrader(message);
    loading.catch(() => {
      loading = null;
      loadedFrom = null;
    });
  }
  const grader = await loading;
  post({ type: 'ready', id: message.id, model: grader.info });
}

async function loadedGrader(): Promise<Grader> {
  if (!loading) {
    throw new GraderError('not-loaded', 'No model is loaded; send a load request first.');
  }
  return loading;
}

async function handle(message: GraderRequestMessage): Promise<void> {
  switch (message.type) {
    case 'load':
      await handleLoad(message);
      return;
    case 'grade': {
      const grader = await loadedGrader();
      const result: GradeResult = await grader.grade(message.request, message.threshold);
      post({ type: 'result', id: message.id, results: [result] });
      return;
    }
    case 'gradeBatch': {
      const grader = await loadedGrader();
      post({ type: 'result', id: message.id, results: await grader.gradeBatch(message.requests, message.threshold) });
      return;
    }
    case 'dispose': {
      const pending = loading;
      loading = null;
      if (pending) {
        await pending.then((grader) => grader.dispose()).catch(() => undefined);
      }
      scope.close();
      return;
    }
  }
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (!isGraderRequestMessage(message)) {
    const id = typeof message === 'object' && message !== null && Number.isInteger((message as { id?: unknown }).id)
      ? ((message as { id: number }).id)
      : null;
    postError(id, new GraderError('invalid-request', 'The grader worker received a message of unknown shape.'), 'invalid-request');
    return;
  }
  const fallbackCode = message.type === 'load' ? 'session-failed' : 'inference-failed';
  handle(message).catch((error: unknown) => postError(message.id, error, fallbackCode));
});

scope.addEventListener('unhandledrejection', (event) => {
  postError(null, event.reason, 'worker-crashed');
});
