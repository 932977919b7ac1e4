/**
 * The Store over a `SqlDb`: one implementation for both backends, which
 * differ only in how they are opened (sqlite.ts, postgres.ts).
 */
import { SqlAuditLog } from './audit-log.js';
import { SqlInventory } from './inventory.js';
import type { JobStore } from './job-types.js';
import { SqlJobs } from './jobs.js';
import { SqlPendingActions } from './pending-actions.js';
import type { StoreKind } from './schema.js';
import type { SqlDb } from './sql-db.js';
import type { AuditStore, InventoryStore, PendingActionStore, Store } from './types.js';

/** `/healthz` must answer quickly even when the database does not. */
const HEALTH_TIMEOUT_MS = 2_000;

export class SqlStore implements Store {
  readonly pending: PendingActionStore;
  readonly audit: AuditStore;
  readonly inventory: InventoryStore;
  readonly jobs: JobStore;
  #closed = false;

  constructor(
    readonly kind: StoreKind,
    private readonly db: SqlDb,
  ) {
    this.pending = new SqlPendingActions(db);
    this.audit = new SqlAuditLog(db);
    this.inventory = new SqlInventory(db);
    this.jobs = new SqlJobs(db);
  }

  async healthy(): Promise<boolean> {
    if (this.#closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((done) => {
      timer = setTimeout(() => done(false), HEALTH_TIMEOUT_MS);
      timer.unref();
    });
    const probe = this.db
      .get<{ ok: number }>('select 1 as ok')
      .then((row) => Number(row?.ok) === 1)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.db.close();
  }
}
