// GraderClient against a scripted in-process worker: checks that every failure mode
// settles the caller's promise. The real worker runs in Chromium in grader-browser.test.ts.

import { describe, expect, it } from 'vitest';

import { GraderClient, GraderError } from '../../../src/grading/grader-client';
import type { GraderRequestMessage, GraderResponseMessage } from '../../../src/grading/protocol';

const MODEL = { id: 'tutor-minilm-l6-ce', version: '1.0.0', threshold: 0.37, maxSequenceLength: 256 };
const RESULT = { score: 0.8, logit: 1.2, verdict: 'pass' as const, bestReferenceIndex: 0, referenceScores: [0.8], threshold: 0.37 };

/** A Worker stand-in whose replies each test scripts. */
class ScriptedWorker extends EventTarget {
  readonly received: GraderRequestMessage[] = [];
  terminated = false;
  onRequest: (message: GraderRequestMessage) => void = () => undefined;

  postMessage(message: GraderRequestMessage): void {
    this.received.push(structuredClone(message));
    queueMicrotask(() => this.onRequest(message));
  }

  reply(message: GraderResponseMessage | Record<string, unknown>): void {
    this.dispatchEvent(new MessageEvent('message', { data: structuredClone(message) }));
  }

  crash(message?: string): void {
    const event = Object.assign(new Event('error', { cancelable: true }), { message });
    this.dispatchEvent(event);
  }

  terminate(): void {
    this.terminated = true;
  }
}

function clientWith(setUp: (worker: ScriptedWorker) => void): { client: GraderClient; workers: ScriptedWorker[] } {
  const workers: ScriptedWorker[] = [];
  const client = new GraderClient({
    modelBaseUrl: 'http://127.0.0.1:4173/app/models/',
    createWorker: () => {
      const worker = new ScriptedWorker();
      setUp(worker);
      workers.push(worker);
      return worker as unknown as Worker;
    },
  });
  return { client, workers };
}

function readyOnLoad(worker: ScriptedWorker): void {
  worker.onRequest = (message) => {
    if (message.type === 'load') {
      worker.reply({ type: 'progress', id: message.id, progress: { file: 'model.onnx', loadedBytes: 5, totalBytes: 10 } });
      worker.reply({ type: 'ready', id: message.id, model: MODEL });
    } else if (message.type === 'grade') {
      worker.reply({ type: 'result', id: message.id, results: [RESULT] });
    } else if (message.type === 'gradeBatch') {
      worker.reply({ type: 'result', id: message.id, results: message.requests.map(() => RESULT) });
    }
  };
}

async function caught(promise: Promise<unknown>): Promise<GraderError> {
  try {
    await promise;
  } catch (error) {
    return error as GraderError;
  }
  throw new Error('expected the promise to reject');
}

describe('GraderClient loading', () => {
  it('loads once for concurrent calls', async () => {
    const { client, workers } = clientWith(readyOnLoad);
    const progress: number[] = [];
    const [first, second] = await Promise.all([client.load((p) => progress.push(p.loadedBytes)), client.load()]);
    expect(first).toEqual(MODEL);
    expect(second).toEqual(MODEL);
    expect(await client.load()).toEqual(MODEL);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.received.filter((m) => m.type === 'load')).toHaveLength(1);
    expect(progress).toEqual([5]);
  });

  it('sends the absolute models URL', async () => {
    const { client, workers } = clientWith(readyOnLoad);
    await client.load();
    expect(workers[0]?.received[0]).toMatchObject({ type: 'load', modelBaseUrl: 'http://127.0.0.1:4173/app/models/' });
  });

  it('rejects a load error with its code, then retries', async () => {
    let attempts = 0;
    const { client, workers } = clientWith((worker) => {
      worker.onRequest = (message) => {
        attempts += 1;
        if (attempts === 1) {
          worker.reply({ type: 'error', id: message.id, code: 'checksum-mismatch', message: 'model.onnx is corrupt' });
        } else {
          readyOnLoad(worker);
          worker.onRequest(message);
        }
      };
    });
    const error = await caught(client.load());
    expect(error).toBeInstanceOf(GraderError);
    expect(error.code).toBe('checksum-mismatch');
    expect(error.message).toBe('model.onnx is corrupt');
    expect(await client.load()).toEqual(MODEL);
    expect(workers).toHaveLength(1);
  });

  it('rejects pending calls when the worker crashes', async () => {
    const { client, workers } = clientWith(() => undefined);
    const loading = client.load();
    await Promise.resolve();
    workers[0]?.crash('RangeError: out of memory');
    const error = await caught(loading);
    expect(error.code).toBe('worker-crashed');
    expect(error.message).toContain('out of memory');
    expect(workers[0]?.terminated).toBe(true);
  });

  it('explains a worker script that failed to start', async () => {
    const { client, workers } = clientWith(() => undefined);
    const loading = client.load();
    workers[0]?.crash();
    const error = await caught(loading);
    expect(error.code).toBe('worker-crashed');
    expect(error.message).toMatch(/failed to load or threw at start-up/);
  });

  it('starts a fresh worker after a crash', async () => {
    let crashed = false;
    const { client, workers } = clientWith((worker) => {
      if (!crashed) {
        crashed = true;
        worker.onRequest = () => worker.crash('boom');
      } else {
        readyOnLoad(worker);
      }
    });
    await expect(client.load()).rejects.toThrow(/boom/);
    expect(await client.load()).toEqual(MODEL);
    expect(workers).toHaveLength(2);
  });

  it('rejects a failure outside any request', async () => {
    const { client, workers } = clientWith(() => undefined);
    const loading = client.load();
    workers[0]?.reply({ type: 'error', id: null, code: 'worker-crashed', message: 'unhandled rejection' });
    expect((await caught(loading)).message).toBe('unhandled rejection');
  });

  it('rejects a reply of unknown shape', async () => {
    const { client, workers } = clientWith(() => undefined);
    const loading = client.load();
    workers[0]?.reply({ type: 'ready', id: 1 });
    expect((await caught(loading)).code).toBe('worker-crashed');
  });

  it('rejects a worker that cannot be created', async () => {
    const client = new GraderClient({
      modelBaseUrl: 'http://127.0.0.1:4173/models/',
      createWorker: () => {
        throw new Error('Worker is not defined');
      },
    });
    const error = await caught(client.load());
    expect(error.code).toBe('worker-crashed');
    expect(error.message).toContain('Worker is not defined');
  });
});

describe('GraderClient grading', () => {
  it('loads before grading', async () => {
    const { client, workers } = clientWith(readyOnLoad);
    expect(await client.grade({ answer: 'rapid', references: ['fast'] }, 0.5)).toEqual(RESULT);
    expect(workers[0]?.received.map((m) => m.type)).toEqual(['load', 'grade']);
    expect(workers[0]?.received[1]).toMatchObject({ threshold: 0.5 });
  });

  it('returns batch results in order', async () => {
    const { client } = clientWith(readyOnLoad);
    const results = await client.gradeBatch([
      { answer: 'a', references: ['b'] },
      { answer: 'c', references: ['d'] },
    ]);
    expect(results).toHaveLength(2);
    expect(await client.gradeBatch([])).toEqual([]);
  });

  it('rejects invalid requests without a round trip', async () => {
    const { client, workers } = clientWith(readyOnLoad);
    const error = await caught(client.grade({ answer: '', references: ['fast'] }));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/answer is empty/);
    const batchError = await caught(client.gradeBatch([{ answer: 'a', references: ['b'] }, { answer: 'c', references: [] }]));
    expect(batchError.message).toMatch(/requests\[1\]: no reference definitions/);
    expect((await caught(client.grade({ answer: 'a', references: ['b'] }, -1))).code).toBe('invalid-request');
    expect(workers).toHaveLength(0);
  });

  it('rejects pending calls on dispose', async () => {
    const { client, workers } = clientWith((worker) => {
      worker.onRequest = (message) => {
        if (message.type === 'load') {
          worker.reply({ type: 'ready', id: message.id, model: MODEL });
        }
      };
    });
    const grading = client.grade({ answer: 'rapid', references: ['fast'] });
    await client.load();
    await new Promise((resolve) => setTimeout(resolve, 0));
    client.dispose();
    const error = await caught(grading);
    expect(error.code).toBe('disposed');
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[0]?.received.at(-1)?.type).toBe('dispose');
    expect((await caught(client.load())).code).toBe('disposed');
  });
});
