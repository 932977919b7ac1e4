/**
 * The little the store needs from a database: plain SQL with `?`
 * placeholders, written once for both backends (sqlite-db.ts over
 * better-sqlite3, postgres-db.ts over node-postgres).
 *
 * Why not a query builder: importing one (kysely: 262 modules, ≈ 130–180 ms)
 * was the largest single cost of `roomops run`'s cold start, and the store's
 * queries are few and fixed. Both databases accept the same SQL for all of
 * them (`UPDATE … RETURNING`, `INSERT … ON CONFLICT … DO UPDATE`, BIGINT
 * epoch milliseconds); only the schema (migrations/) differs by dialect.
 */

export type SqlDialect = 'sqlite' | 'postgres';

/**
 * How long one store call may wait (storage.timeoutMs): for another
 * process's SQLite lock, or as PostgreSQL's statement_timeout.
 */
export const DEFAULT_STORE_TIMEOUT_MS = 5_000;

/** A bound value: text, a number, or NULL (`undefined` is not allowed). */
export type SqlParam = string | number | bigint | null;

export interface SqlDb {
  readonly dialect: SqlDialect;
  /** Every row of a query (or of a statement with `RETURNING`). */
  all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** The first row, or `undefined` when there is none. */
  get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  /** A statement without rows to read; `changes` is the number of rows it touched. */
  run(sql: string, params?: readonly SqlParam[]): Promise<{ changes: number }>;
  /**
   * Runs `fn` in one transaction on one connection, committing when it
   * resolves and rolling back when it throws. Use only the `tx` handed to
   * `fn` inside it. SQLite takes the write lock at once (`BEGIN IMMEDIATE`).
   */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>;
  /** Idempotent. */
  close(): Promise<void>;
}
