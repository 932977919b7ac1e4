/**
 * The point of a shared database: two RoomOps processes (replicas) receive a
 * click on the same confirmation at the same moment, and the vendor is called
 * exactly once. Runs on a shared SQLite file and on a real PostgreSQL.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { openRuntime } from '../../src/app/compose.js';
import {
  type SandboxEmulators,
  sandboxConfigYaml,
  startSandboxEmulators,
} from '../../src/sandbox/sandbox-emulators.js';

const pgUrl = process.env.ROOMOPS_TEST_POSTGRES_URL;
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const CHILD = new URL('./fixtures/approve-child.mjs', import.meta.url).pathname;
const ADMIN = 'slack:U0ADMIN001';
const ADMIN2 = 'slack:U0ADMIN002';

let emulators: SandboxEmulators;
let dir: string;
let configPath: string;
const schemas: string[] = [];

beforeAll(async () => {
  emulators = await startSandboxEmulators();
  dir = mkdtempSync(join(tmpdir(), 'roomops-race-'));
  configPath = join(dir, 'roomops.yml');
  writeFileSync(
    configPath,
    `${sandboxConfigYaml(emulators.urls)}access:\n  default: viewer\n  roles: { admin: ["*"], viewer: [read] }\n  users: { "${ADMIN}": admin, "${ADMIN2}": admin }\n`,
  );
});

afterAll(async () => {
  await emulators?.stop();
  if (pgUrl && schemas.length) {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
    await client.end();
  }
});

async function freshPostgresUrl(): Promise<string> {
  const schema = `roomops_race_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`create schema "${schema}"`);
  await client.end();
  schemas.push(schema);
  const url = new URL(pgUrl!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

function startChild(databaseUrl: string, pendingId: string, who: string) {
  const child = spawn(process.execPath, [CHILD], {
    env: {
      ...process.env,
      ROOMOPS_DATABASE_URL: databaseUrl,
      RACE_CONFIG: configPath,
      RACE_ID: pendingId,
      RACE_WHO: who,
    },
  }) as ChildProcessWithoutNullStreams;
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => (out.includes('ready') ? resolve() : undefined);
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`child exited ${code} before ready: ${err}`)));
  });
  const done = new Promise<{ type: string; reason?: string; outcome?: string }>((resolve, reject) => {
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last));
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
  return { child, ready, done };
}

async function race(databaseUrl: string, room: string) {
  const runtime = await openRuntime({
    configPath,
    env: { ROOMOPS_DATABASE_URL: databaseUrl },
    logger: createLogger('silent', {}),
  });
  try {
    const asked = await runtime.engine.handle({
      principal: { platform: 'slack', id: ADMIN, groups: [] },
      place: { platform: 'slack', channel: 'slack:C0OPS' },
      text: `delete rong ${room}`,
    });
    expect(asked.type).toBe('confirm');
    const pendingId = asked.type === 'confirm' ? asked.pending.id : '';
    const destroysBefore = emulators.rongcloud.server.log.filter((r) =>
      r.path.endsWith('/destroy.json'),
    ).length;
    const a = startChild(databaseUrl, pendingId, ADMIN);
    const b = startChild(databaseUrl, pendingId, ADMIN2);
    await Promise.all([a.ready, b.ready]);
    a.child.stdin.end('go\n');
    b.child.stdin.end('go\n');
    const results = await Promise.all([a.done, b.done]);
    const destroys =
      emulators.rongcloud.server.log.filter((r) => r.path.endsWith('/destroy.json')).length - destroysBefore;
    return { results, destroys, pending: await runtime.store.pending.get(pendingId) };
  } finally {
    await runtime.close();
  }
}

describe('two replicas click approve at once', () => {
  it('on a shared SQLite file: the vendor is called exactly once', async () => {
    const { results, destroys, pending } = await race(`sqlite://${join(dir, 'shared.db')}`, 'lobby');
    expect(destroys).toBe(1);
    expect(results.filter((r) => r.type === 'decided' && r.outcome === 'result')).toHaveLength(1);
    expect(results.filter((r) => r.type === 'stale' && r.reason === 'already_decided')).toHaveLength(1);
    expect(pending?.state).toBe('done');
    expect(emulators.rongcloud.rooms.has('lobby')).toBe(false);
  }, 60_000);

  it.runIf(pgUrl || inCi)(
    'on PostgreSQL: the vendor is called exactly once',
    async () => {
      if (!pgUrl) throw new Error('PostgreSQL required in CI: set ROOMOPS_TEST_POSTGRES_URL');
      const { results, destroys, pending } = await race(await freshPostgresUrl(), 'support-1');
      expect(destroys).toBe(1);
      expect(results.filter((r) => r.type === 'decided' && r.outcome === 'result')).toHaveLength(1);
      expect(results.filter((r) => r.type === 'stale' && r.reason === 'already_decided')).toHaveLength(1);
      expect(pending?.state).toBe('done');
      expect(emulators.rongcloud.rooms.has('support-1')).toBe(false);
    },
    60_000,
  );
});
