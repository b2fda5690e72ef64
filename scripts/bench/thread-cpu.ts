// CPU time of Chromium's dedicated-worker threads, read from Linux's /proc. A model run's
// wall-clock time stretches with every preemption when other processes compete for the
// cores, while its CPU time changes much less, so CPU time keeps the WebAssembly ÷ native
// ratio usable on a busy machine.

import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadId {
  pid: number;
  tid: number;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function processIds(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Returns the parent pid from /proc/PID/stat, whose second field (the name) may contain spaces. */
function parentPid(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) {
    return null;
  }
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(afterName[1]);
}

/** Finds the Chromium browser process started with this profile folder. */
export function findBrowserPid(userDataDir: string): number | null {
  for (const pid of processIds()) {
    const args = (readText(`/proc/${pid}/cmdline`) ?? '').split('\0');
    if (args.includes(`--user-data-dir=${userDataDir}`) && !args.some((arg) => arg.startsWith('--type='))) {
      return pid;
    }
  }
  return null;
}

function descendantPids(rootPid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const pid of processIds()) {
    const parent = parentPid(pid);
    if (parent !== null) {
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), pid]);
    }
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    queue.push(...(childrenOf.get(pid) ?? []));
  }
  return found;
}

/** Lists the threads that Chromium names "DedicatedWorker thread" (cut to 15 characters by Linux). */
export function findDedicatedWorkerThreads(browserPid: number): ThreadId[] {
  const threads: ThreadId[] = [];
  for (const pid of descendantPids(browserPid)) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      if ((readText(`/proc/${pid}/task/${tid}/comm`) ?? '').startsWith('DedicatedWorker')) {
        threads.push({ pid, tid: Number(tid) });
      }
    }
  }
  return threads;
}

/** Returns the thread's CPU time in milliseconds, from the nanoseconds in /proc/PID/task/TID/schedstat. */
export function threadCpuMs(thread: ThreadId): number {
  const schedstat = readText(`/proc/${thread.pid}/task/${thread.tid}/schedstat`);
  const nanoseconds = Number(schedstat?.split(' ')[0]);
  if (schedstat === null || !Number.isFinite(nanoseconds)) {
    throw new Error(`Cannot read CPU time of thread ${thread.tid} in process ${thread.pid}: /proc/${thread.pid}/task/${thread.tid}/schedstat is missing or malformed.`);
  }
  return nanoseconds / 1e6;
}

/** Peak resident set size (VmHWM) of a process in bytes, or null when /proc does not show it. */
export function peakResidentBytes(pid: number): number | null {
  const status = readText(`/proc/${pid}/status`);
  const kibibytes = status === null ? null : /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return kibibytes ? Number(kibibytes) * 1024 : null;
}
