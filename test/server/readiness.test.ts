/**
 * `/livez` and `/readyz` (= `/healthz`) of a real `roomops` process: ready
 * only with the store answering, its migrations applied and every platform
 * connected; 503 with JSON naming what is not, while `/livez` stays 200.
 */
import { createServer, type Server, type Socket, connect } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresSchemas } from '../helpers/postgres-schemas.js';
import { ServedRoomops } from './served-process.js';

interface Readiness {
  ok: boolean;
  store: boolean;
  pendingMigrations: string[];
  platforms: Record<string, { connected: boolean }>;
  problems: string[];
}

async function readiness(
  served: ServedRoomops,
  path = '/readyz',
): Promise<{ status: number; body: Readiness }> {
  const res = await served.get(path);
  return { status: res.status, body: JSON.parse(res.text) as Readiness };
}

describe('a healthy process', () => {
  it('is live and ready on /livez, /readyz and /healthz', async () => {
    const served = await ServedRoomops.start();
    try {
      expect((await served.get('/livez')).status).toBe(200);
      for (const path of ['/readyz', '/healthz']) {
        const { status, body } = await readiness(served, path);
        expect(status).toBe(200);
        expect(body).toMatchObject({ ok: true, store: true, pendingMigrations: [], problems: [] });
        expect(body.platforms.slack?.connected).toBe(true);
      }
    } finally {
      await served.close();
    }
  }, 30_000);
});

describe('not ready', () => {
  it('names migrations the database lacks, and is ready again once they are there', async () => {
    const served = await ServedRoomops.start();
    const db = new Database(join(served.dir, 'roomops.db'));
    try {
      const rows = db.prepare('select name, applied_at from schema_migrations').all() as {
        name: string;
        applied_at: number;
      }[];
      expect(rows.length).toBeGreaterThan(0);
      db.prepare('delete from schema_migrations').run();
      const { status, body } = await readiness(served);
      expect(status).toBe(503);
      expect(body.ok).toBe(false);
      expect(body.pendingMigrations).toEqual(rows.map((r) => r.name));
      expect(body.problems.join('; ')).toContain(`store migrations not applied: ${rows[0]!.name}`);
      expect((await served.get('/livez')).status).toBe(200);
      const insert = db.prepare('insert into schema_migrations (name, applied_at) values (?, ?)');
      for (const row of rows) insert.run(row.name, row.applied_at);
      expect((await readiness(served)).status).toBe(200);
    } finally {
      db.close();
      await served.close();
    }
  }, 30_000);

  it('names Slack while its Socket Mode connection is down, and is ready again after it reconnects', async () => {
    const served = await ServedRoomops.start({ socket: true });
    try {
      await expect.poll(async () => (await readiness(served)).status, { timeout: 10_000 }).toBe(200);
      served.fake.socketsRefused = true;
      served.fake.dropSocketClients();
      await expect
        .poll(async () => (await readiness(served)).status, { timeout: 10_000, interval: 100 })
        .toBe(503);
      const { body } = await readiness(served);
      expect(body.platforms.slack?.connected).toBe(false);
      expect(body.problems.join('; ')).toContain('slack is not connected');
      expect(body.store).toBe(true);
      expect((await served.get('/livez')).status).toBe(200);
      served.fake.socketsRefused = false;
      await expect
        .poll(async () => (await readiness(served)).status, { timeout: 20_000, interval: 200 })
        .toBe(200);
    } finally {
      await served.close();
    }
  }, 60_000);
});

const postgresUrl = process.env.ROOMOPS_TEST_POSTGRES_URL;

describe('store down (PostgreSQL)', () => {
  const schemas = new PostgresSchemas('roomops_served');
  afterAll(() => schemas.drop());

  it.runIf(!postgresUrl && !process.env.CI)('skipped: set ROOMOPS_TEST_POSTGRES_URL to run it', () => {
    console.warn('readiness store-down test skipped: ROOMOPS_TEST_POSTGRES_URL is not set');
  });

  it.runIf(!!postgresUrl || !!process.env.CI)(
    'answers 503 naming the store when PostgreSQL stops answering, while /livez stays 200',
    async () => {
      expect(postgresUrl, 'CI must provide ROOMOPS_TEST_POSTGRES_URL').toBeTruthy();
      const target = new URL(postgresUrl!);
      const proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
      const viaProxy = new URL(await schemas.fresh());
      viaProxy.port = String(proxy.port);
      const served = await ServedRoomops.start({ storageUrl: viaProxy.toString() });
      try {
        expect((await readiness(served)).status).toBe(200);
        await proxy.cut();
        const { status, body } = await readiness(served);
        expect(status).toBe(503);
        expect(body.store).toBe(false);
        expect(body.problems).toContain('store is not answering');
        expect((await served.get('/livez')).status).toBe(200);
        expect(served.stderr).not.toContain(target.password);
      } finally {
        await served.close();
        await proxy.cut();
      }
    },
    30_000,
  );
});

/** A TCP forwarder to the database that the test can cut: the store's connection goes down, nothing else. */
async function tcpProxy(host: string, port: number): Promise<{ port: number; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(port, host);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const bound = (server.address() as { port: number }).port;
  return {
    port: bound,
    cut: async () => {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
