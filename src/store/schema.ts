/**
 * The tables' rows as the drivers return them (`select *`): one description
 * for SQLite and PostgreSQL; the DDL is in migrations/.
 *
 * Times are epoch milliseconds in BIGINT columns on both backends. Why not ISO
 * text or TIMESTAMPTZ: comparisons (`expires_at > ?`, newest-first) are plain
 * integer comparisons everywhere — no collation (PostgreSQL compares text by
 * the database's locale), no driver time-zone conversion (node-postgres turns
 * TIMESTAMPTZ into local-time Dates; SQLite has no date type) — and the value
 * is exactly a JS `Date`'s precision. node-postgres returns BIGINT as a string,
 * so rows pass through `toMillis`/`toDate` in rows.ts.
 *
 * JSON values are TEXT (`JSON.stringify`), read back with `JSON.parse`.
 */
/** BIGINT: number from SQLite, string from node-postgres. */
export type Millis = number | string | bigint;

export interface PendingActionsTable {
  id: string;
  state: string;
  created_at: Millis;
  expires_at: Millis;
  requester: string;
  requester_name: string | null;
  platform: string;
  channel: string | null;
  guild: string | null;
  account: string;
  action: string;
  kind: string;
  /** JSON */
  invocation: string;
  description: string;
  /** JSON array of room ids */
  rooms: string;
  /** JSON PromptRef */
  prompt: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Millis | null;
  /** JSON */
  outcome: string | null;
  finished_at: Millis | null;
}

export interface AuditLogTable {
  /** Assigned by the database (auto-increment / identity). */
  id: Millis;
  at: Millis;
  actor: string;
  actor_name: string | null;
  platform: string;
  channel: string | null;
  guild: string | null;
  account: string | null;
  action: string;
  kind: string | null;
  /** JSON object, secrets already redacted by the caller */
  args: string;
  /** JSON array of room ids */
  rooms: string;
  outcome: string;
  detail: string | null;
  vendor_request_id: string | null;
  latency_ms: number | null;
  pending_id: string | null;
  decided_by: string | null;
  decided_at: Millis | null;
}

export interface InventoryRoomsTable {
  account: string;
  room_id: string;
  vendor: string;
  name: string | null;
  /** JSON object */
  data: string;
  created_at: Millis;
  updated_at: Millis;
  created_by: string | null;
  gone_at: Millis | null;
  gone_reason: string | null;
}

export interface InteractionReceiptsTable {
  id: string;
  platform: string;
  received_at: Millis;
}

export interface PageSetsTable {
  key: string;
  platform: string;
  owner: string;
  /** JSON array of rendered pages */
  pages: string;
  /** Length of `pages` in UTF-8 bytes, as capped by the writer */
  bytes: number;
  created_at: Millis;
  expires_at: Millis;
}

export type StoreKind = 'sqlite' | 'postgres';
