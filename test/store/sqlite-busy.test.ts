/**
 * Another connection holding the SQLite write lock (BEGIN IMMEDIATE, as a
 * CLI run or a backup does) never freezes the process: the store retries
 * asynchronously, timers keep firing, the write lands once the lock is
 * released, and past storage.timeoutMs it gives up with a store-busy error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { StoreError } from '../../src/store/store-error.js';
import type { AuditEntry } from '../../src/store/types.js';
import { lockStore } from '../helpers/store-lock.js';
import { newAction } from './store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'roomops-busy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const entry = (detail: string): AuditEntry => ({
  at: new Date(),
  actor: 'shell:alice',
  platform: 'shell',
  action: 'create',
  args: {},
  rooms: ['busy-1'],
  outcome: 'ok',
  detail,
});

/** Counts timer ticks from now until stopped. */
function tickCounter(everyMs: number) {
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { ticks };
    },
  };
}

describe('SQLite store while another connection holds the write lock', () => {
  it('keeps the event loop running, and writes once the lock is released', async () => {
    const file = join(dir, `busy-${++files}.db`);
    const store = await openStore(`sqlite://${file}`, { timeoutMs: 10_000 });
    const lock = lockStore(file);
    try {
      const counter = tickCounter(10);
      let settled = false;
      const write = store.audit.append(entry('after the lock')).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 600));
      const whileLocked = counter.stop();
      expect(settled).toBe(false);
      // A synchronous lock wait would have let no timer fire at all.
      expect(whileLocked.ticks).toBeGreaterThanOrEqual(10);
      lock.release();
      await write;
      expect((await store.audit.query({})).map((e) => e.detail)).toEqual(['after the lock']);
    } finally {
      lock.release();
      await store.close();
    }
  });

  it('gives up after storage.timeoutMs with a store-busy error, having written nothing', async () => {
    const file = join(dir, `busy-${++files}.db`);
    const store = await openStore(`sqlite://${file}`, { timeoutMs: 300 });
    const lock = lockStore(file);
    try {
      const started = Date.now();
      const error = (await store.inventory
        .upsert({ account: 'rong', vendor: 'rongcloud', roomId: 'r1', data: {} }, new Date())
        .catch((e: unknown) => e)) as StoreError;
      expect(error).toBeInstanceOf(StoreError);
      expect(error.code).toBe('internal');
      expect(error.failure).toBe('busy');
      expect(error.message).toMatch(/busy.*300 ms \(storage\.timeoutMs\); nothing was written/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      lock.release();
      expect(await store.inventory.get('rong', 'r1')).toBeUndefined();
    } finally {
      lock.release();
      await store.close();
    }
  });

  it('decides a pending action while locked, once the lock goes, without blocking timers', async () => {
    const file = join(dir, `busy-${++files}.db`);
    const store = await openStore(`sqlite://${file}`);
    const pending = await store.pending.create(newAction());
    const lock = lockStore(file);
    try {
      const counter = tickCounter(10);
      const decided = store.pending.decide(pending.id, 'approved', 'shell:bob', undefined, new Date());
      await new Promise((resolve) => setTimeout(resolve, 300));
      lock.release();
      const result = await decided;
      expect(counter.stop().ticks).toBeGreaterThanOrEqual(5);
      expect(result.won).toBe(true);
    } finally {
      lock.release();
      await store.close();
    }
  });

  it('opens an up-to-date file while another process holds the write lock', async () => {
    const file = join(dir, `busy-${++files}.db`);
    await (await openStore(`sqlite://${file}`)).close();
    const lock = lockStore(file);
    try {
      const store = await openStore(`sqlite://${file}`, { timeoutMs: 300 });
      expect(await store.healthy()).toBe(true);
      expect(await store.audit.query({})).toEqual([]);
      await store.close();
    } finally {
      lock.release();
    }
  });
});

describe('opening a fresh SQLite file that another process is reading', () => {
  it('waits for the lock to switch it to WAL instead of failing (two processes starting at once)', async () => {
    const file = join(dir, `fresh-${++files}.db`);
    // A rollback-journal file with a reader in the middle of a transaction: switching it to WAL
    // needs the lock that reader holds, so the first try is SQLITE_BUSY.
    const reader = new BetterSqlite3(file, { timeout: 0 });
    reader.exec('create table t (x); insert into t values (1)');
    reader.exec('begin');
    reader.prepare('select x from t').get();
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        reader.exec('rollback');
        reader.close();
        resolve();
      }, 300),
    );
    const started = Date.now();
    const store = await openStore(`sqlite:///${file}`);
    try {
      await released;
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      await store.audit.append(entry('after the reader left'));
      expect((await store.audit.query({ limit: 5 })).map((e) => e.detail)).toContain('after the reader left');
    } finally {
      await store.close();
    }
  });
});
