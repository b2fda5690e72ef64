// The shape of bench-results/latest.json: everything one `npm run bench` measured.

import type { BrowserStageResult } from './browser-stage';
import type { ColdStartResult } from './cold-start';
import type { MachineDescription } from './machine';
import type { NodeStageResult } from './node-stage';
import type { FileSize, JavaScriptSizes, SizeTotals } from './sizes';

export interface SizeResult {
  model: FileSize;
  firstVisit: {
    files: (FileSize & { requestedOnPageLoad: boolean })[];
    totals: SizeTotals;
    serviceWorkerReady: boolean;
  };
  javaScript: JavaScriptSizes;
}

export interface BenchResults {
  format: 'know-it-all-tutor-bench';
  formatVersion: 1;
  startedAt: string;
  machine: MachineDescription;
  model: { id: string; version: string; sha256: string | null; bytes: number };
  /** Settings that shape the figures, such as repetition counts. */
  settings: { quick: boolean };
  node: NodeStageResult;
  browser: BrowserStageResult;
  coldStart: ColdStartResult;
  sizes: SizeResult;
  /** Wall-clock seconds each stage of the benchmark took. */
  stageSeconds: Record<string, number>;
}
