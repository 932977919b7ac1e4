/**
 * Opens a SQLite database (better-sqlite3) for the store.
 *
 * WAL lets readers run beside the one writer, and `busy_timeout` makes a
 * second process wait for the write lock instead of failing at once — so
 * two processes on one file (a restart overlapping the old process, or the
 * CLI beside the bot) both work. `synchronous=NORMAL` is durable in WAL mode
 * except for the last transactions on power loss. Foreign keys are on for any
 * future migration that declares them.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrateToLatest } from './migrations/index.js';
import type { SqlDb } from './sql-db.js';
import { SqliteDb } from './sqlite-db.js';
import type { StoreLogger } from './store-logger.js';

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export async function openSqlite(file: string, logger?: StoreLogger): Promise<SqlDb> {
  const memory = file === ':memory:';
  if (!memory) mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    const mode = database.pragma('journal_mode = WAL', { simple: true });
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
  const db = new SqliteDb(database);
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
 * transaction (SqliteDb.transaction): it takes the write lock first (waiting
 * up to busy_timeout for another migrator), and then reads which migrations
 * have run.
 *
 * better-sqlite3 waits for a lock synchronously, blocking the event loop; a
 * second connection in the same process waiting for the migration lock would
 * therefore stall the first one, which holds it across awaits, until
 * busy_timeout. So within one process, migrations of one file take turns;
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
