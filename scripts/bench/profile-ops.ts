// Time per operator type of one model run, from onnxruntime's own profiler, for
// the typical pair in onnxruntime-web (WebAssembly) and onnxruntime-node (native).
//
//   npx tsx scripts/bench/profile-ops.ts [model.onnx]
//
// onnxruntime-web 1.30 writes its profile as JSON lines straight to standard output
// when the profile ends, past console.log and process.stdout, so the WebAssembly runs
// happen in a child process whose output is parsed. onnxruntime-node writes its profile
// to a file named after profileFilePrefix. Only the runs after the warm-up are counted.
// Profiling adds a timer around every operator, so the totals run above bench figures.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web/wasm';

import { onnxRuntimeWasmFolder } from '../../src/grading/node/load-grader';
import { packPairs, type PairBatchArrays } from './feeds';
import { openDefaultModelFolder } from './model-folder';
import { SAMPLE_PAIRS } from './sample-pairs';

/** One "X" (complete) event of onnxruntime's Chrome-trace profile. */
interface ProfileEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args?: { op_name?: string };
}

const WARMUP_RUNS = 20;
const WASM_CHILD_FLAG = '--wasm-child';
const PROFILED_RUNS = 30;

function parseEvents(text: string): ProfileEvent[] {
  const events: ProfileEvent[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim().replace(/,$/, '');
    if (!trimmed.startsWith('{')) {
      continue;
    }
    try {
      events.push(JSON.parse(trimmed) as ProfileEvent);
    } catch {
      // Lines of other output that happen to start with "{" are not profile events.
    }
  }
  return events;
}

/** Sums kernel microseconds per operator type over the last `PROFILED_RUNS` model runs. */
function millisecondsPerOperator(events: readonly ProfileEvent[]): { perRunMs: number; operators: Map<string, number> } {
  const runs = events.filter((event) => event.cat === 'Session' && event.name === 'model_run').sort((a, b) => a.ts - b.ts);
  const counted = runs.slice(-PROFILED_RUNS);
  const first = counted[0];
  if (!first) {
    throw new Error('The profile has no model_run events; was enableProfiling set?');
  }
  const operators = new Map<string, number>();
  for (const event of events) {
    if (event.cat !== 'Node' || !event.name.endsWith('_kernel_time') || event.ts < first.ts) {
      continue;
    }
    const operator = event.args?.op_name ?? 'unknown';
    operators.set(operator, (operators.get(operator) ?? 0) + event.dur / 1000 / counted.length);
  }
  const perRunMs = counted.reduce((sum, run) => sum + run.dur, 0) / 1000 / counted.length;
  return { perRunMs, operators };
}

/** Runs in the child process: profiles the WebAssembly runs and lets onnxruntime-web print the profile. */
async function printWasmProfile(modelBytes: Uint8Array, batch: PairBatchArrays): Promise<void> {
  ortWeb.env.wasm.numThreads = 1;
  ortWeb.env.wasm.simd = true;
  ortWeb.env.wasm.wasmPaths = onnxRuntimeWasmFolder();
  const session = await ortWeb.InferenceSession.create(modelBytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
    enableProfiling: true,
  });
  for (let run = 0; run < WARMUP_RUNS + PROFILED_RUNS; run++) {
    await session.run({
      input_ids: new ortWeb.Tensor('int64', batch.inputIds, batch.dims),
      attention_mask: new ortWeb.Tensor('int64', batch.attentionMask, batch.dims),
      token_type_ids: new ortWeb.Tensor('int64', batch.tokenTypeIds, batch.dims),
    });
  }
  session.endProfiling();
  await session.release();
}

function profileWasmInChild(modelPath: string): ProfileEvent[] {
  const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), WASM_CHILD_FLAG, modelPath], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return parseEvents(output);
}

async function profileNative(modelBytes: Uint8Array, batch: PairBatchArrays): Promise<ProfileEvent[]> {
  const folder = mkdtempSync(join(tmpdir(), 'tutor-profile-'));
  try {
    const session = await ortNode.InferenceSession.create(modelBytes, {
      executionProviders: ['cpu'],
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      enableProfiling: true,
      profileFilePrefix: join(folder, 'native'),
    });
    for (let run = 0; run < WARMUP_RUNS + PROFILED_RUNS; run++) {
      await session.run({
        input_ids: new ortNode.Tensor('int64', batch.inputIds, batch.dims),
        attention_mask: new ortNode.Tensor('int64', batch.attentionMask, batch.dims),
        token_type_ids: new ortNode.Tensor('int64', batch.tokenTypeIds, batch.dims),
      });
    }
    session.endProfiling();
    await session.release();
    const file = readdirSync(folder).find((name) => name.endsWith('.json'));
    if (!file) {
      throw new Error(`onnxruntime-node wrote no profile into ${folder}.`);
    }
    return parseEvents(readFileSync(join(folder, file), 'utf8'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function typicalBatch(): { folder: ReturnType<typeof openDefaultModelFolder>; batch: PairBatchArrays } {
  const folder = openDefaultModelFolder(resolve('public/models'));
  const typical = SAMPLE_PAIRS.find((pair) => pair.name === 'typical');
  if (!typical) {
    throw new Error('SAMPLE_PAIRS has no typical pair.');
  }
  return { folder, batch: packPairs([folder.encoder.encode(typical.answer, typical.reference)]) };
}

async function main(): Promise<void> {
  const { folder, batch } = typicalBatch();
  if (process.argv[2] === WASM_CHILD_FLAG) {
    const childModelPath = process.argv[3] ?? folder.modelPath;
    await printWasmProfile(new Uint8Array(readFileSync(childModelPath)), batch);
    // The parent parses the output when the child exits, so do not wait for timers or handles the runtime may hold.
    process.exit(0);
  }
  const modelPath = process.argv[2] ?? folder.modelPath;
  const modelBytes = new Uint8Array(readFileSync(modelPath));
  const wasm = millisecondsPerOperator(profileWasmInChild(modelPath));
  const native = millisecondsPerOperator(await profileNative(modelBytes, batch));

  console.log(`${modelPath}, typical pair (${batch.dims[1]} tokens), mean of ${PROFILED_RUNS} profiled runs after ${WARMUP_RUNS} warm-up runs.`);
  console.log(`model_run: wasm ${wasm.perRunMs.toFixed(2)} ms, native ${native.perRunMs.toFixed(2)} ms\n`);
  console.log('| operator | wasm ms | native ms | wasm ÷ native | share of wasm run |\n| --- | --- | --- | --- | --- |');
  const names = [...new Set([...wasm.operators.keys(), ...native.operators.keys()])];
  names.sort((a, b) => (wasm.operators.get(b) ?? 0) - (wasm.operators.get(a) ?? 0));
  for (const name of names) {
    const wasmMs = wasm.operators.get(name) ?? 0;
    const nativeMs = native.operators.get(name) ?? 0;
    const ratio = nativeMs > 0 ? `${(wasmMs / nativeMs).toFixed(1)}×` : 'n/a';
    console.log(`| ${name} | ${wasmMs.toFixed(3)} | ${nativeMs.toFixed(3)} | ${ratio} | ${((100 * wasmMs) / wasm.perRunMs).toFixed(1)} % |`);
  }
}

main().catch((error: unknown) => {
  console.error('profile-ops failed:', error);
  process.exitCode = 1;
});
