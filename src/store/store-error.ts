/**
 * The store could not do what was asked in time: SQLite stayed locked by
 * another process past the deadline, or PostgreSQL cancelled a statement at
 * its statement_timeout. An `internal` error (DESIGN.md): nothing was
 * written, and the caller decides what that means for the user.
 */
import { RoomOpsError } from '../shared/coded-error.js';

export type StoreFailure = 'busy' | 'timeout';

export class StoreError extends RoomOpsError {
  override readonly name: string = 'StoreError';

  constructor(
    readonly failure: StoreFailure,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super('internal', message, { store: failure });
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

export const isStoreError = (error: unknown): error is StoreError => error instanceof StoreError;
