/**
 * The Store over a Kysely instance: one implementation for both backends,
 * which differ only in how they are opened (sqlite.ts, postgres.ts).
 */
import { type Kysely, sql } from 'kysely';
import { SqlAuditLog } from './audit-log.js';
import { SqlInventory } from './inventory.js';
import { SqlPendingActions } from './pending-actions.js';
import type { Database, StoreKind } from './schema.js';
import type { AuditStore, InventoryStore, PendingActionStore, Store } from './types.js';

/** `/healthz` must answer quickly even when the database does not. */
const HEALTH_TIMEOUT_MS = 2_000;

export class SqlStore implements Store {
  readonly pending: PendingActionStore;
  readonly audit: AuditStore;
  readonly inventory: InventoryStore;
  #closed = false;

  constructor(
    readonly kind: StoreKind,
    private readonly db: Kysely<Database>,
  ) {
    this.pending = new SqlPendingActions(db);
    this.audit = new SqlAuditLog(db);
    this.inventory = new SqlInventory(db);
  }

  async healthy(): Promise<boolean> {
    if (this.#closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((done) => {
      timer = setTimeout(() => done(false), HEALTH_TIMEOUT_MS);
      timer.unref();
    });
    const probe = sql<{ ok: number }>`select 1 as ok`
      .execute(this.db)
      .then((r) => Number(r.rows[0]?.ok) === 1)
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
    await this.db.destroy();
  }
}
