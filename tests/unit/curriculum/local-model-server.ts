// Starts scripts/llm/server.ts as a child process for tests and stops it by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface LocalModelServer {
  baseUrl: string;
  modelId: string;
  /** Everything the server printed, to show when a test fails. */
  output: () => string;
  stop: () => Promise<void>;
}

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Starts the local model server on a free port and resolves once it prints its URL.
 * Raises when the model file is missing (run `npm run llm:fetch`) or when the server
 * exits or prints nothing within `startTimeoutMs`.
 */
export function startLocalModelServer(extraArgs: string[] = [], startTimeoutMs = 120_000): Promise<LocalModelServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/llm/server.ts', '--port', '0', ...extraArgs],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = (): Promise<void> =>
    new Promise((resolveStop) => {
      if (child.exitCode !== null || child.pid === undefined) {
        resolveStop();
        return;
      }
      child.once('exit', () => resolveStop());
      process.kill(child.pid, 'SIGTERM');
    });

  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      void stop();
      rejectStart(new Error(`The local model server printed no URL within ${startTimeoutMs} ms. Output:\n${output}`));
    }, startTimeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`The local model server exited with code ${String(code)} before it started. Output:\n${output}`));
    });
    child.stdout?.on('data', () => {
      const match = /url=(\S+) model=(\S+)/.exec(output);
      if (match?.[1] !== undefined && match[2] !== undefined) {
        clearTimeout(timer);
        resolveStart({ baseUrl: match[1], modelId: match[2], output: () => output, stop });
      }
    });
  });
}
