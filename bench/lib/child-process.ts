/**
 * Child processes of the benches: the vendor emulators as `roomops sandbox`
 * (what a deployment would reach over the network), load generators and
 * fakes in a process of their own (their work must not share the event loop
 * under test), and stopping a child politely first, then for sure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The URL of a compiled bench module beside `base` (`import.meta.url`), or
 * undefined when running from sources (vitest): a child process can only
 * import the compiled one, so the caller then runs it in-process.
 */
export function compiledSibling(file: string, base: string): string | undefined {
  const url = new URL(file, base);
  return base.endsWith('.js') && existsSync(fileURLToPath(url)) ? url.href : undefined;
}

/**
 * Runs `code` (an ES module body) in a child process with an IPC channel;
 * resolves with the child and its first message, which says it is ready.
 */
export async function startIpcChild<Ready>(
  code: string,
  what: string,
): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('error', reject);
    child.once('exit', (status) => reject(new Error(`${what} process exited with ${status}`)));
  });
  return { child, ready };
}

/** Asks an IPC child to stop with `message`, killing it if it has not exited after `killAfterMs`. */
export async function stopIpcChild(
  child: ChildProcess,
  message: unknown,
  killAfterMs = 2_000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send(message as object, () => {});
  const timer = setTimeout(() => child.kill(), killAfterMs);
  await exited;
  clearTimeout(timer);
}

/** SIGTERM, then SIGKILL if it has not exited after `killAfterMs`; resolves once it has exited. */
export async function stopChild(child: ChildProcess, killAfterMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(timer);
}

/** How long `roomops sandbox` may take to print its roomops.yml. */
const SANDBOX_START_TIMEOUT_MS = 30_000;

/**
 * `roomops sandbox` (the built CLI at `cli`) in a child process: the four
 * emulators, and the roomops.yml it prints that points at them.
 */
export async function startSandboxChild(cli: string): Promise<{ yaml: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [cli, 'sandbox'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ROOMOPS_LOG_LEVEL: 'silent' },
  });
  const stop = () => stopChild(child, 3_000);
  try {
    const yaml = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(
        () => reject(new Error(`roomops sandbox did not start within ${SANDBOX_START_TIMEOUT_MS} ms`)),
        SANDBOX_START_TIMEOUT_MS,
      );
      child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stderr!.on('data', (c: Buffer) => {
        err += c.toString('utf8');
        // Printed after the whole roomops.yml.
        if (err.includes('Sandbox emulators running')) {
          clearTimeout(timer);
          resolve(out);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (status) => {
        clearTimeout(timer);
        reject(new Error(`roomops sandbox exited with ${status}: ${err.trim().split('\n')[0] ?? ''}`));
      });
    });
    return { yaml, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
