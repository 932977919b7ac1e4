/**
 * `SqlDb` over a node-postgres Pool. The store writes `?` placeholders (what
 * SQLite takes); PostgreSQL wants `$1, $2, …`, so each SQL text is translated
 * once and the translation kept. A transaction runs on one client checked out
 * of the pool for its duration.
 */
import type { Pool, PoolClient } from 'pg';
import type { SqlDb, SqlParam } from './sql-db.js';
import { StoreError } from './store-error.js';

/** PostgreSQL's query_canceled: what statement_timeout raises. */
const QUERY_CANCELED = '57014';

const TRANSLATION_CACHE_SIZE = 200;
const translations = new Map<string, string>();

/**
 * `?` → `$n`, numbered left to right; a `?` inside a '…' string or a "…"
 * identifier is left alone (the store's SQL has no comments).
 */
export function toPostgresPlaceholders(sql: string): string {
  let translated = translations.get(sql);
  if (translated !== undefined) return translated;
  translated = '';
  let n = 0;
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      translated += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      translated += ch;
    } else {
      translated += ch === '?' ? `$${++n}` : ch;
    }
  }
  if (translations.size >= TRANSLATION_CACHE_SIZE) {
    translations.delete(translations.keys().next().value as string);
  }
  translations.set(sql, translated);
  return translated;
}

type Queryable = Pick<Pool | PoolClient, 'query'>;

/** A statement past its statement_timeout, or no connection in time, as a StoreError `timeout`. */
function timeoutError(error: unknown, timeoutMs: number): unknown {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === QUERY_CANCELED) {
    return new StoreError(
      'timeout',
      `The store did not answer within ${timeoutMs} ms (PostgreSQL statement_timeout, storage.timeoutMs); the statement was cancelled.`,
      { cause: error },
    );
  }
  // node-postgres' pool gives no code for this one, only its message.
  if (typeof message === 'string' && /timeout exceeded when trying to connect/i.test(message)) {
    return new StoreError('timeout', 'The store did not answer: no PostgreSQL connection in time.', {
      cause: error,
    });
  }
  return error;
}

async function query<T>(
  on: Queryable,
  sql: string,
  params: readonly SqlParam[],
  timeoutMs: number,
): Promise<{ rows: T[]; changes: number }> {
  try {
    const result = await on.query(toPostgresPlaceholders(sql), params as SqlParam[]);
    return { rows: result.rows as T[], changes: result.rowCount ?? 0 };
  } catch (error) {
    throw timeoutError(error, timeoutMs);
  }
}

function over(on: Queryable, timeoutMs: number): Omit<SqlDb, 'transaction' | 'close'> {
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params: readonly SqlParam[] = []) =>
      (await query<T>(on, sql, params, timeoutMs)).rows,
    get: async <T>(sql: string, params: readonly SqlParam[] = []) =>
      (await query<T>(on, sql, params, timeoutMs)).rows[0],
    run: async (sql: string, params: readonly SqlParam[] = []) => ({
      changes: (await query(on, sql, params, timeoutMs)).changes,
    }),
  };
}

export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres' as const;
  readonly #pool: Pool;
  readonly #queries: Omit<SqlDb, 'transaction' | 'close'>;
  readonly #timeoutMs: number;
  #closed = false;

  /** `timeoutMs` is the statement_timeout the pool's connections were opened with (for messages). */
  constructor(pool: Pool, timeoutMs: number) {
    this.#pool = pool;
    this.#timeoutMs = timeoutMs;
    this.#queries = over(pool, timeoutMs);
  }

  all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    return this.#queries.all<T>(sql, params);
  }

  get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined> {
    return this.#queries.get<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlParam[]): Promise<{ changes: number }> {
    return this.#queries.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect().catch((error: unknown) => {
      throw timeoutError(error, this.#timeoutMs);
    });
    // A client whose rollback failed is in an unknown state: destroyed, not reused.
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const tx: SqlDb = {
        ...over(client, this.#timeoutMs),
        transaction: () => Promise.reject(new Error('store: transactions do not nest')),
        close: () => Promise.reject(new Error('store: cannot close the database inside a transaction')),
      };
      const result = await fn(tx);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch((e: unknown) => {
        broken = e instanceof Error ? e : new Error(String(e));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
