/**
 * `SqlDb` over one better-sqlite3 connection. Statements are prepared once
 * per SQL text and kept (the store's texts are few and fixed; the cache is
 * bounded anyway). better-sqlite3 runs each statement synchronously, so every
 * call is atomic with respect to the event loop; a transaction, which spans
 * awaits, holds the connection: calls from outside it wait until it ends
 * instead of landing inside it.
 *
 * A statement that finds the file locked by another process is retried
 * asynchronously until `busyTimeoutMs` (busy-retry.ts), never waited for
 * with the event loop held. Inside a transaction nothing is retried: it
 * holds the write lock from its `BEGIN IMMEDIATE`, which is what waits.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { retryWhileBusy } from './busy-retry.js';
import { DEFAULT_STORE_TIMEOUT_MS, type SqlDb, type SqlParam } from './sql-db.js';

/** More distinct texts than the store has; only `IN (…)` lists of other lengths add some. */
const STATEMENT_CACHE_SIZE = 200;

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const;
  readonly #database: BetterSqlite3.Database;
  readonly #statements = new Map<string, Statement>();
  /** Settles when the open transaction ends; undefined when none is open. */
  #transaction: Promise<void> | undefined;
  readonly #busyTimeoutMs: number;
  #closed = false;

  constructor(database: BetterSqlite3.Database, options: { busyTimeoutMs?: number } = {}) {
    this.#database = database;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  }

  all<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    return this.#outside(() => this.#all<T>(sql, params));
  }

  get<T>(sql: string, params: readonly SqlParam[] = []): Promise<T | undefined> {
    return this.#outside(() => this.#get<T>(sql, params));
  }

  run(sql: string, params: readonly SqlParam[] = []): Promise<{ changes: number }> {
    return this.#outside(() => this.#run(sql, params));
  }

  async transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    if (this.#transaction) await this.#outsideTransaction();
    let ended!: () => void;
    this.#transaction = new Promise<void>((resolve) => (ended = resolve));
    const tx: SqlDb = {
      dialect: 'sqlite',
      all: async <R>(sql: string, params: readonly SqlParam[] = []) => this.#all<R>(sql, params),
      get: async <R>(sql: string, params: readonly SqlParam[] = []) => this.#get<R>(sql, params),
      run: async (sql: string, params: readonly SqlParam[] = []) => this.#run(sql, params),
      transaction: () => Promise.reject(new Error('store: transactions do not nest')),
      close: () => Promise.reject(new Error('store: cannot close the database inside a transaction')),
    };
    try {
      // Takes the write lock first (retrying while another process holds
      // it), so what the transaction reads stays true until it commits.
      await retryWhileBusy(() => this.#database.exec('begin immediate'), this.#busyTimeoutMs);
      try {
        const result = await fn(tx);
        // A COMMIT that finds readers in the way leaves the transaction open: try again.
        await retryWhileBusy(() => this.#database.exec('commit'), this.#busyTimeoutMs);
        return result;
      } catch (error) {
        if (this.#database.inTransaction) this.#database.exec('rollback');
        throw error;
      }
    } finally {
      this.#transaction = undefined;
      ended();
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#statements.clear();
    this.#database.close();
  }

  async #outsideTransaction(): Promise<void> {
    while (this.#transaction) await this.#transaction;
  }

  /**
   * One statement outside any transaction, retried while the file is busy.
   * Each try re-checks for a transaction opened during the pause, so a
   * retried statement never lands inside it.
   */
  #outside<T>(statement: () => T): Promise<T> {
    return retryWhileBusy(async () => {
      if (this.#transaction) await this.#outsideTransaction();
      return statement();
    }, this.#busyTimeoutMs);
  }

  #prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#database.prepare<unknown[], unknown>(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        // Map order is insertion order: drop the oldest.
        this.#statements.delete(this.#statements.keys().next().value as string);
      }
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #all<T>(sql: string, params: readonly SqlParam[]): T[] {
    const statement = this.#prepare(sql);
    if (!statement.reader) {
      statement.run(...params);
      return [];
    }
    return statement.all(...params) as T[];
  }

  #get<T>(sql: string, params: readonly SqlParam[]): T | undefined {
    const statement = this.#prepare(sql);
    if (!statement.reader) {
      statement.run(...params);
      return undefined;
    }
    return statement.get(...params) as T | undefined;
  }

  #run(sql: string, params: readonly SqlParam[]): { changes: number } {
    const statement = this.#prepare(sql);
    // A statement that returns rows (`… RETURNING`) must be read: one row per row touched.
    if (statement.reader) return { changes: statement.all(...params).length };
    return { changes: statement.run(...params).changes };
  }
}
