/**
 * Runs the real, built `roomops` (dist/src/cli/main.js) as a child process.
 * Build first: `npx tsc -p tsconfig.json` (npm test does it in pretest).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const MAIN = join(REPO, 'dist/src/cli/main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  input?: string;
}

/** A fresh directory with no roomops.yml, so the built-in sandbox is used and data/ lands there. */
export function tempDir(prefix = 'roomops-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The environment without anything that would change which config or store is used. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    'ROOMOPS_CONFIG',
    'ROOMOPS_DATABASE_URL',
    'ROOMOPS_LOG_LEVEL',
    'SLACK_BOT_TOKEN',
    'DISCORD_TOKEN',
    'NO_COLOR',
    'FORCE_COLOR',
  ]) {
    delete env[key];
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function roomops(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      process.execPath,
      [MAIN, ...args],
      { cwd: options.cwd, env: cleanEnv(options.env), timeout: 20_000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`roomops ${args.join(' ')} did not finish: ${error.message}\n${stderr}`));
          return;
        }
        resolvePromise({
          code: error ? (error.code as number) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** Parsed `--json` output, read loosely by the tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk arbitrary JSON.
export type Json = Record<string, any>;

/** `--json` output: exactly one JSON object on stdout (one line). */
export function parseJson(result: CliResult): Json {
  const text = result.stdout.trim();
  if (!text.startsWith('{') || text.split('\n').length !== 1) {
    throw new Error(
      `expected exactly one JSON object on stdout, got:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
  return JSON.parse(text) as Json;
}

/** Every credential string the sandbox uses (none may ever be printed). */
export const SANDBOX_SECRETS: string[] = Object.values(SANDBOX_CREDENTIALS).flatMap((c) =>
  Object.entries(c)
    .filter(([key]) => !['orgName', 'appName'].includes(key))
    .map(([, value]) => String(value)),
);

/** Runs tasks with at most `limit` at a time (CLI processes are CPU-heavy on two cores). */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface RunningSandbox {
  child: ChildProcess;
  yaml: string;
  stop(): Promise<number | null>;
}

/** `roomops sandbox [--port N]` in the background; resolves once it has printed its config. */
export async function startSandboxProcess(cwd: string, port?: number): Promise<RunningSandbox> {
  const child = spawn(process.execPath, [MAIN, 'sandbox', ...(port ? ['--port', String(port)] : [])], {
    cwd,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += String(chunk);
  });
  const ready = new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${stderr}`)), 15_000);
    child.stderr!.on('data', (chunk) => {
      stderr += String(chunk);
      if (stderr.includes('running')) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited early (${code}):\n${stderr}`));
    });
  });
  await ready;
  // stdout is written before the stderr notice; give the pipe a moment to deliver it.
  for (let i = 0; i < 50 && !stdout.includes('agora:'); i++) await new Promise((r) => setTimeout(r, 20));
  return {
    child,
    get yaml() {
      return stdout;
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
