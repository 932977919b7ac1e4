/**
 * The Store over a `SqlDb`: one implementation for both backends, which
 * differ only in how they are opened (sqlite.ts, postgres.ts).
 */
import { SqlAuditLog } from './audit-log.js';
import { SqlInteractionLedger } from './interaction-ledger.js';
import { SqlInventory } from './inventory.js';
import { pendingMigrations } from './migrations/index.js';
import { SqlPageStore } from './page-sets.js';
import type { JobStore } from './job-types.js';
import { SqlJobs } from './jobs.js';
import { SqlPendingActions } from './pending-actions.js';
import type { StoreKind } from './schema.js';
import type { SqlDb } from './sql-db.js';
import type {
  AuditStore,
  InteractionLedger,
  InventoryStore,
  PageStore,
  PendingActionStore,
  Store,
} from './types.js';

/** `/healthz` must answer quickly even when the database does not. */
const HEALTH_TIMEOUT_MS = 2_000;

export class SqlStore implements Store {
  readonly pending: PendingActionStore;
  readonly audit: AuditStore;
  readonly inventory: InventoryStore;
  readonly interactions: InteractionLedger;
  readonly pages: PageStore;
  readonly jobs: JobStore;
  #closed = false;

  constructor(
    readonly kind: StoreKind,
    private readonly db: SqlDb,
  ) {
    this.pending = new SqlPendingActions(db);
    this.audit = new SqlAuditLog(db);
    this.inventory = new SqlInventory(db);
    this.interactions = new SqlInteractionLedger(db);
    this.pages = new SqlPageStore(db);
    this.jobs = new SqlJobs(db);
  }

  async healthy(): Promise<boolean> {
    if (this.#closed) return false;
    const probe = this.db
      .get<{ ok: number }>('select 1 as ok')
      .then((row) => Number(row?.ok) === 1)
      .catch(() => false);
    return (await withinHealthTimeout(probe)) ?? false;
  }

  async pendingMigrations(): Promise<string[] | undefined> {
    if (this.#closed) return undefined;
    return withinHealthTimeout(pendingMigrations(this.db).catch(() => undefined));
  }

  /** Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.db.close();
  }
}

/** The probe's answer, or `undefined` when it takes longer than a health check may. */
async function withinHealthTimeout<T>(probe: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((done) => {
    timer = setTimeout(() => done(undefined), HEALTH_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
