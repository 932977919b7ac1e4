/**
 * A store that is busy because another process holds it: a SQLite file in a
 * fresh temporary directory, and its write lock taken from a second
 * connection (BEGIN IMMEDIATE) exactly as another RoomOps process would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export interface TempSqliteStore {
  file: string;
  /** `sqlite://` and the absolute file. */
  url: string;
  /** Deletes the directory and everything in it. */
  remove(): void;
}

export function tempSqliteStore(prefix: string): TempSqliteStore {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'store.db');
  return { file, url: `sqlite://${file}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Takes the write lock of the SQLite file; `release()` rolls back and closes the connection. */
export function lockStore(file: string): { release(): void } {
  const other = new BetterSqlite3(file, { timeout: 2_000 });
  other.exec('begin immediate');
  return {
    // Safe to call twice: a test releases early and again in its `finally`.
    release() {
      if (!other.open) return;
      if (other.inTransaction) other.exec('rollback');
      other.close();
    },
  };
}

/** Runs `during` with the file's write lock held by another connection, released however it ends. */
export async function whileStoreLocked<T>(file: string, during: () => Promise<T>): Promise<T> {
  const lock = lockStore(file);
  try {
    return await during();
  } finally {
    lock.release();
  }
}

/** Polls a synchronous condition every 10 ms; fails naming `what` after `timeoutMs`. */
export async function untilTrue(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
