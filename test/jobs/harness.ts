/**
 * Cross-process job tests: an Agora emulator in this process (real HTTP on
 * 127.0.0.1, request log to count deletes per room), a config file pointing
 * at it, a store URL every process shares (a SQLite file or a fresh
 * PostgreSQL schema), and the built `roomops` CLI and workers as child
 * processes. Build first (`npx tsc -p tsconfig.json`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import type { Principal } from '../../src/core/types.js';
import { type AgoraEmulator, createAgoraEmulator } from '../../src/sandbox/agora/emulator.js';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { cleanEnv, MAIN, roomops, tempDir } from '../cli/helpers.js';
import { IN_CI, PostgresSchemas, TEST_POSTGRES_URL } from '../helpers/postgres-schemas.js';

/** Fresh, empty PostgreSQL schemas as store URLs (dropped by `dropSchemas`). */
const schemas = new PostgresSchemas('roomops_jobs');
const freshPostgresUrl = (): Promise<string> => schemas.fresh();
const dropSchemas = (): Promise<void> => schemas.drop();

/** A SQLite file in a fresh temporary directory, as a store URL. */
export const sqliteStoreUrl = (): string => `sqlite://${join(tempDir('roomops-jobs-db-'), 'jobs.db')}`;

/** Both stores jobs run on; PostgreSQL only with ROOMOPS_TEST_POSTGRES_URL, and never skipped in CI. */
export const STORE_BACKENDS: { name: string; url: () => Promise<string>; skip: boolean }[] = [
  { name: 'SQLite', url: async () => sqliteStoreUrl(), skip: false },
  { name: 'PostgreSQL', url: freshPostgresUrl, skip: !TEST_POSTGRES_URL && !IN_CI },
];

/**
 * For a test file: the rig and the store each test starts are stopped and
 * closed after it, and PostgreSQL schemas dropped after the file.
 */
export function jobRigPerTest(): {
  start(options: JobRigOptions): Promise<JobRig>;
  openStore(url: string): Promise<Store>;
} {
  let rig: JobRig | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await rig?.stop();
    await store?.close();
    rig = undefined;
    store = undefined;
  });
  afterAll(dropSchemas);
  return {
    start: async (options) => (rig = await startJobRig(options)),
    openStore: async (url) => (store = await openStore(url)),
  };
}

/** A Slack user as the engine sees them (tests that drive the engine in-process, as chat would). */
export const slackPerson = (id: string): Principal => ({
  platform: 'slack',
  id: `slack:${id}`,
  displayName: id,
  groups: [],
});
export const SLACK_PLACE = { platform: 'slack' as const, channel: 'slack:C0OPS' };

export interface JobRig {
  dir: string;
  agora: AgoraEmulator;
  storeUrl: string;
  env: Record<string, string>;
  /** `roomops run "<text>" [args…]` against this rig. */
  run(text: string, ...args: string[]): ReturnType<typeof roomops>;
  /** Starts `roomops worker`; resolves once it polls. */
  worker(): Promise<Worker>;
  /** How many DELETE requests reached each room. */
  deletesPerRoom(): Map<string, number>;
  stop(): Promise<void>;
}

export interface Worker {
  child: ChildProcess;
  pid: number;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface JobRigOptions {
  storeUrl: string;
  rooms: number;
  rateLimit: number;
  leaseMs?: number;
  /** Extra top-level roomops.yml lines (e.g. `scheduleGraceMinutes: 0.02`). */
  extraConfig?: string;
  /** Extra lines of the agora account (indented four spaces). */
  accountConfig?: string;
}

export async function startJobRig(options: JobRigOptions): Promise<JobRig> {
  const dir = tempDir('roomops-jobs-');
  const agora = createAgoraEmulator({ rateLimitPerSecond: 10_000 });
  const url = await agora.start();
  for (let i = 0; i < options.rooms; i++) {
    agora.state.createRoom({
      name: `test-${String(i).padStart(4, '0')}`,
      description: 'bulk test',
      owner: 'alice',
      members: [],
      maxusers: 100,
      custom: '',
      created: Date.parse('2025-01-01T00:00:00Z'),
    });
  }
  const c = SANDBOX_CREDENTIALS.agora;
  const config = join(dir, 'roomops.yml');
  writeFileSync(
    config,
    `accounts:
  agora:
    vendor: agora
    baseUrl: ${url}
    orgName: "${c.orgName}"
    appName: "${c.appName}"
    appId: "${c.appId}"
    appCertificate: "${c.appCertificate}"
    rateLimit: ${options.rateLimit}
${options.accountConfig ?? ''}${options.extraConfig ?? ''}`,
  );
  const env = {
    ROOMOPS_CONFIG: config,
    ROOMOPS_DATABASE_URL: options.storeUrl,
    ROOMOPS_JOB_POLL_MS: '100',
    ROOMOPS_JOB_LEASE_MS: String(options.leaseMs ?? 1_500),
  };
  const workers: Worker[] = [];
  return {
    dir,
    agora,
    storeUrl: options.storeUrl,
    env,
    run: (text, ...args) => roomops(['run', text, ...args], { cwd: dir, env }),
    async worker() {
      const child = spawn(process.execPath, [MAIN, 'worker'], {
        cwd: dir,
        env: cleanEnv(env),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.setEncoding('utf8');
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker did not start:\n${stderr}`)), 15_000);
        child.stderr!.on('data', (chunk: string) => {
          stderr += chunk;
          if (stderr.includes('roomops worker ready')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`worker exited early (${code}):\n${stderr}`));
        });
      });
      const worker: Worker = {
        child,
        pid: child.pid!,
        stderr: () => stderr,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          const exited = once(child, 'exit');
          child.kill(signal);
          const [code] = (await exited) as [number | null];
          return code;
        },
      };
      workers.push(worker);
      return worker;
    },
    deletesPerRoom() {
      const counts = new Map<string, number>();
      for (const request of agora.server.log) {
        if (request.method !== 'DELETE') continue;
        const match = /\/chatrooms\/(\d+)$/.exec(request.path);
        if (match) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
      }
      return counts;
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop('SIGKILL')));
      await agora.stop();
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function until<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
