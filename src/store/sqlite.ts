/**
 * Opens a SQLite database (better-sqlite3) for the store.
 *
 * WAL lets readers run beside the one writer, and a second process waits
 * for the write lock instead of failing at once — so two processes on one
 * file (a restart overlapping the old process, or the CLI beside the bot)
 * both work. SQLite's own `busy_timeout` is off because it waits
 * synchronously; the wait is SqliteDb's asynchronous retry. `synchronous=NORMAL` is durable in WAL mode
 * except for the last transactions on power loss. Foreign keys are on for any
 * future migration that declares them.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { retryWhileBusy, SQLITE_BUSY_WAIT_MS } from './busy-retry.js';
import { migrateToLatest } from './migrations/index.js';
import { DEFAULT_STORE_TIMEOUT_MS, type SqlDb } from './sql-db.js';
import { SqliteDb } from './sqlite-db.js';
import type { StoreLogger } from './store-logger.js';

export async function openSqlite(
  file: string,
  options: { logger?: StoreLogger; busyTimeoutMs?: number } = {},
): Promise<SqlDb> {
  const { logger } = options;
  const memory = file === ':memory:';
  if (!memory) mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file, { timeout: SQLITE_BUSY_WAIT_MS });
  try {
    database.pragma(`busy_timeout = ${SQLITE_BUSY_WAIT_MS}`);
    // Switching a fresh file to WAL needs a moment's exclusive lock: a second
    // process opening the same new file at once finds it busy, so it waits
    // (asynchronously) like any other statement rather than failing.
    const mode = await retryWhileBusy(
      () => database.pragma('journal_mode = WAL', { simple: true }),
      options.busyTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS,
    );
    if (!memory && String(mode).toLowerCase() !== 'wal') {
      logger?.warn(
        `store: SQLite could not use WAL mode for ${file} (journal_mode=${String(mode)}); several processes will wait on each other`,
      );
    }
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new SqliteDb(
    database,
    options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs },
  );
  try {
    // The whole migration is one `BEGIN IMMEDIATE` transaction (see below).
    await inProcessTurn(file, () => migrateToLatest(db));
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * Two processes opening a fresh file at once would both start migrating, and
 * the one whose read is stale would fail ("table already exists",
 * SQLITE_BUSY). So the whole migration runs in one `BEGIN IMMEDIATE`
 * transaction (SqliteDb.transaction): it takes the write lock first (retrying
 * while another migrator holds it), and then reads which migrations have run.
 *
 * Within one process, migrations of one file also take turns, so two
 * connections of one process do not spend the retry deadline on each other;
 * across processes BEGIN IMMEDIATE does it.
 */
const migrationTurns = new Map<string, Promise<unknown>>();

async function inProcessTurn(file: string, work: () => Promise<void>): Promise<void> {
  const previous = migrationTurns.get(file) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(work);
  migrationTurns.set(file, mine);
  try {
    await mine;
  } finally {
    if (migrationTurns.get(file) === mine) migrationTurns.delete(file);
  }
}
