/**
 * Opens a PostgreSQL database (node-postgres Pool) for the store — the backend
 * for several replicas: pending actions, their decisions and the audit log are
 * shared, so a button click works on any replica.
 *
 * The tables live in the connection's current schema (`public` unless the
 * role's or the URL's `search_path` says otherwise, e.g.
 * `?options=-c%20search_path%3Droomops`).
 *
 * Every statement carries a `statement_timeout` (storage.timeoutMs, default
 * 5 s) so a locked row or a stuck server never holds a request for long;
 * getting a connection waits at most CONNECT_TIMEOUT_MS.
 */
import pg from 'pg';
import { migrateToLatest } from './migrations/index.js';
import { PostgresDb } from './postgres-db.js';
import { DEFAULT_STORE_TIMEOUT_MS, type SqlDb } from './sql-db.js';
import { redactUrl, scrubPasswords } from './storage-url.js';
import type { StoreLogger } from './store-logger.js';

/** Opening a connection, or waiting for a free one in the pool. */
export const CONNECT_TIMEOUT_MS = 10_000;

export async function openPostgres(
  url: string,
  options: { logger?: StoreLogger; statementTimeoutMs?: number } = {},
): Promise<SqlDb> {
  const { logger } = options;
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    application_name: 'roomops',
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    // Sent as a startup parameter: the server enforces it on every statement.
    statement_timeout: statementTimeoutMs,
  });
  // An idle connection dropped by the server must not crash the process; the
  // pool replaces it on the next query.
  pool.on('error', (error: Error) => {
    logger?.warn(
      `store: PostgreSQL connection to ${redactUrl(url)} failed: ${scrubPasswords(error.message, url)}`,
    );
  });
  const db = new PostgresDb(pool, statementTimeoutMs);
  try {
    const row = await db.get<{ schema: string | null }>('select current_schema() as schema');
    if (!row?.schema) throw new Error('no schema of the search_path exists in this database');
    // Unqualified names (ours and schema_migrations) resolve to that schema,
    // so two schemas of one database never mix.
    await migrateToLatest(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
