// The machine a benchmark ran on. Load average is part of it: these figures are only
// comparable between runs on an otherwise idle machine.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineDescription {
  cpuModel: string;
  /** Logical cores that Node reports (os.cpus()). */
  logicalCores: number;
  /** CPU flags that decide which int8 kernels onnxruntime-node can use. */
  cpuFlags: string[];
  totalMemoryMiB: number;
  nodeVersion: string;
  chromiumVersion: string;
  /** 1-, 5- and 15-minute load averages when the run started. */
  loadAverage: [number, number, number];
  platform: string;
}

const INTERESTING_CPU_FLAGS = ['sse4_2', 'avx', 'avx2', 'avx512f', 'avx512_vnni', 'avx_vnni', 'amx_int8'];

function readCpuInfo(): { model: string; flags: string[] } {
  let text = '';
  try {
    text = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return { model: cpus()[0]?.model ?? 'unknown', flags: [] };
  }
  const model = /^model name\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const flagLine = /^flags\s*:\s*(.+)$/m.exec(text)?.[1] ?? '';
  const present = new Set(flagLine.split(/\s+/));
  return { model, flags: INTERESTING_CPU_FLAGS.filter((flag) => present.has(flag)) };
}

/** Returns `chromium --version` output, or a description of why it failed. */
export function readChromiumVersion(executablePath: string): string {
  try {
    const output = execFileSync(executablePath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return output.trim().split('\n').pop() ?? output.trim();
  } catch (error) {
    return `unknown (${executablePath} --version failed: ${error instanceof Error ? error.message : String(error)})`;
  }
}

export function describeMachine(chromiumExecutablePath: string): MachineDescription {
  const cpuInfo = readCpuInfo();
  const [one, five, fifteen] = loadavg();
  return {
    cpuModel: cpuInfo.model,
    logicalCores: cpus().length,
    cpuFlags: cpuInfo.flags,
    totalMemoryMiB: Math.round(totalmem() / 1024 / 1024),
    nodeVersion: process.version,
    chromiumVersion: readChromiumVersion(chromiumExecutablePath),
    loadAverage: [one ?? 0, five ?? 0, fifteen ?? 0],
    platform: `${process.platform} ${process.arch}`,
  };
}
