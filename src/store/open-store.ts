/**
 * Opens the store a storage URL names (DESIGN.md "Storage"), creating or
 * migrating its tables. See storage-url.ts for the URL forms.
 */
import { isRoomOpsError, RoomOpsError } from '../shared/coded-error.js';
import { SqlStore } from './sql-store.js';
import { parseStorageUrl, redactUrl, scrubPasswords } from './storage-url.js';
import type { StoreLogger } from './store-logger.js';
import type { Store } from './types.js';

export {
  DEFAULT_STORAGE_URL,
  parseStorageUrl,
  redactUrl,
  resolveStorageUrl,
  STORAGE_URL_FORMS,
  type StorageTarget,
} from './storage-url.js';
export type { StoreLogger } from './store-logger.js';

export interface OpenStoreOptions {
  logger?: StoreLogger;
  /**
   * How long one store call may wait (storage.timeoutMs, default 5000): for
   * another process's SQLite lock, or PostgreSQL's statement_timeout.
   */
  timeoutMs?: number;
}

/**
 * A malformed URL throws a `ConfigError` (field `storage.url`); a database
 * that cannot be opened or migrated throws a `RoomOpsError` `internal` naming
 * `storage.url` in its redacted form, the driver's message as its `cause`.
 * Neither carries the password.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const target = parseStorageUrl(url);
  try {
    // Each driver loads only when its URL is used: `roomops run` must start fast.
    if (target.kind === 'sqlite') {
      const { openSqlite } = await import('./sqlite.js');
      return new SqlStore(
        'sqlite',
        await openSqlite(target.file, {
          ...(options.logger ? { logger: options.logger } : {}),
          ...(options.timeoutMs !== undefined ? { busyTimeoutMs: options.timeoutMs } : {}),
        }),
      );
    }
    const { openPostgres } = await import('./postgres.js');
    return new SqlStore(
      'postgres',
      await openPostgres(target.url, {
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.timeoutMs !== undefined ? { statementTimeoutMs: options.timeoutMs } : {}),
      }),
    );
  } catch (error) {
    if (isRoomOpsError(error)) throw error;
    const err = error as { message?: unknown; code?: unknown };
    const code = typeof err?.code === 'string' ? err.code : undefined;
    const failure = new RoomOpsError(
      'internal',
      `Could not open the store at storage.url ${redactUrl(url)}${code ? ` (${code})` : ''}.`,
      {
        field: 'storage.url',
        ...(code !== undefined ? { cause: code } : {}),
      },
    );
    // The driver's own words go to the log with the error id (pino prints
    // the cause), never to the person; scrubbed, as they may quote the URL.
    failure.cause = new Error(scrubPasswords(String(err?.message ?? error), url));
    throw failure;
  }
}
