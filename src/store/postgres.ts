/**
 * Opens a PostgreSQL database (node-postgres Pool) for the store — the backend
 * for several replicas: pending actions, their decisions and the audit log are
 * shared, so a button click works on any replica.
 *
 * The tables live in the connection's current schema (`public` unless the
 * role's or the URL's `search_path` says otherwise, e.g.
 * `?options=-c%20search_path%3Droomops`).
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';
import { redactUrl, scrubPasswords } from './storage-url.js';
import type { StoreLogger } from './store-logger.js';

export async function openPostgres(url: string, logger?: StoreLogger): Promise<Kysely<Database>> {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: 'roomops',
    max: 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server must not crash the process; the
  // pool replaces it on the next query.
  pool.on('error', (error: Error) => {
    logger?.warn(
      `store: PostgreSQL connection to ${redactUrl(url)} failed: ${scrubPasswords(error.message, url)}`,
    );
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('no schema of the search_path exists in this database');
    // Kysely's migrator looks for its own tables in every schema unless told
    // which: name ours, so two schemas of one database never mix.
    await migrateToLatest(db as Kysely<unknown>, 'postgres', { schema });
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return db;
}
