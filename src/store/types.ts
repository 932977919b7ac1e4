/**
 * The store: pending actions, the audit log and the room inventory, behind one
 * interface with two implementations (SQLite by default, PostgreSQL for
 * several replicas). All methods are async so both fit.
 */
import type { Kind, PlatformName } from '../core/types.js';
import type { JobStore } from './job-types.js';

export type PendingState = 'pending' | 'approved' | 'cancelled' | 'expired' | 'done' | 'failed';

/** Where the confirmation prompt lives, so expiry and decisions can update it. */
export type PromptRef =
  | { platform: 'slack'; responseUrl: string; channel?: string; ts?: string }
  | { platform: 'discord'; applicationId: string; token: string; messageId?: string; channelId?: string }
  | { platform: 'shell' };

export interface PendingAction {
  /** Random, unguessable (≥128 bits), URL-safe. */
  id: string;
  state: PendingState;
  createdAt: Date;
  expiresAt: Date;
  /** Principal id of the requester (`slack:U…`). */
  requester: string;
  requesterName?: string;
  platform: PlatformName;
  /** `slack:C…` / `discord:channel:…` */
  channel?: string;
  /** `discord:guild:…` */
  guild?: string;
  account: string;
  action: string;
  kind: Kind;
  /** The exact invocation to run on approval (serialized by the core). */
  invocation: unknown;
  /** What will happen, for a person: "Delete room lobby-42 on rong-prod (RongCloud)". */
  description: string;
  /** Target room ids. */
  rooms: string[];
  prompt?: PromptRef;
  /** Principal id of whoever approved or cancelled, and when. */
  decidedBy?: string;
  decidedByName?: string;
  decidedAt?: Date;
  /** The result (or error) after running, as JSON. */
  outcome?: unknown;
  finishedAt?: Date;
}

export type NewPendingAction = Omit<
  PendingAction,
  'id' | 'state' | 'createdAt' | 'decidedBy' | 'decidedByName' | 'decidedAt' | 'outcome' | 'finishedAt'
> & { id?: string; createdAt?: Date };

export type Decision = 'approved' | 'cancelled';

/**
 * Result of an atomic decision. Exactly one caller of `decide` for a given id
 * ever gets `won: true`; every other caller gets the action as it now stands
 * (who decided what and when) so it can answer clearly.
 */
export type DecideResult =
  | { won: true; action: PendingAction }
  | { won: false; reason: 'unknown' }
  | { won: false; reason: 'already_decided' | 'expired'; action: PendingAction };

export interface PendingActionStore {
  create(action: NewPendingAction): Promise<PendingAction>;
  get(id: string): Promise<PendingAction | undefined>;
  attachPrompt(id: string, prompt: PromptRef): Promise<void>;
  /** Atomically moves `pending` (and not yet expired at `at`) to the decision. */
  decide(
    id: string,
    decision: Decision,
    by: string,
    byName: string | undefined,
    at: Date,
  ): Promise<DecideResult>;
  /** Records the outcome of running an approved action: `done` or `failed`. */
  finish(id: string, state: 'done' | 'failed', outcome: unknown, at: Date): Promise<void>;
  /**
   * Atomically marks every pending action whose expiry has passed as `expired`
   * and returns them; on several replicas each expired action is returned to
   * exactly one caller, which updates its prompt. With `platforms`, only
   * actions requested on those platforms: a replica takes only the prompts it
   * can update and leaves the rest to a replica that serves their platform.
   */
  expireDue(now: Date, platforms?: readonly PlatformName[]): Promise<PendingAction[]>;
  /** Actions still waiting for a decision at `now`, soonest expiry first, at most `limit` (App Home). */
  listOpen(now: Date, limit: number): Promise<PendingAction[]>;
}

export type AuditOutcome =
  | 'ok'
  | 'failed'
  | 'partial'
  | 'denied'
  | 'invalid'
  | 'pending'
  | 'approved'
  | 'cancelled'
  | 'expired'
  | 'dry_run';

export interface AuditEntry {
  id?: number;
  at: Date;
  /** Principal id: `slack:U…`, `discord:…`, `shell:alice`. */
  actor: string;
  actorName?: string;
  platform: PlatformName;
  channel?: string;
  guild?: string;
  account?: string;
  action: string;
  kind?: Kind;
  /** Arguments with secrets redacted. */
  args: Record<string, unknown>;
  rooms: string[];
  outcome: AuditOutcome;
  /** Error code, or a short summary of the result. */
  detail?: string;
  vendorRequestId?: string;
  latencyMs?: number;
  pendingId?: string;
  /** For confirmed actions: who approved or cancelled, and when. */
  decidedBy?: string;
  decidedAt?: Date;
}

export interface AuditFilter {
  actor?: string;
  account?: string;
  action?: string;
  /** Newest first; default 50, at most 1000. */
  limit?: number;
}

export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  query(filter: AuditFilter): Promise<AuditEntry[]>;
}

export interface InventoryRoom {
  account: string;
  vendor: string;
  roomId: string;
  name?: string;
  /** The room as last known (vendor fields), JSON. */
  data: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  createdBy?: string;
  /** Set when the room was deleted through RoomOps or found missing at the vendor. */
  goneAt?: Date;
  goneReason?: 'deleted' | 'vanished';
}

export interface InventoryStore {
  /** Records a room created or seen; clears `goneAt` if it had been marked gone. */
  upsert(
    room: Omit<InventoryRoom, 'createdAt' | 'updatedAt' | 'goneAt' | 'goneReason'>,
    at: Date,
  ): Promise<void>;
  markGone(
    account: string,
    roomIds: readonly string[],
    reason: 'deleted' | 'vanished',
    at: Date,
  ): Promise<void>;
  get(account: string, roomId: string): Promise<InventoryRoom | undefined>;
  /** Rooms of an account ordered by room id; gone ones only when asked. */
  list(
    account: string,
    options?: { includeGone?: boolean; limit?: number; afterRoomId?: string },
  ): Promise<InventoryRoom[]>;
}

/** Interaction ids already handled, so a replayed delivery does nothing (any replica). */
export interface InteractionLedger {
  /** Records `id`: true the first time, false for a replay (atomic across processes). */
  claim(id: string, platform: PlatformName, at: Date): Promise<boolean>;
  /** Forgets ids received before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** The pages of a long answer, flipped by buttons on any replica. */
export interface PageSet {
  /** Random, unguessable, URL-safe. */
  key: string;
  platform: PlatformName;
  /** Principal id of who asked: only they may flip. */
  owner: string;
  /** Rendered pages as the platform shows them (JSON). */
  pages: unknown[];
  createdAt: Date;
  expiresAt: Date;
}

export interface PageStore {
  put(set: PageSet): Promise<void>;
  /** The set when it exists and has not expired at `now`. */
  get(key: string, now: Date): Promise<PageSet | undefined>;
  /** Deletes expired sets, then all but the newest `keep`; returns how many went. */
  prune(now: Date, keep: number): Promise<number>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly pending: PendingActionStore;
  readonly audit: AuditStore;
  readonly inventory: InventoryStore;
  readonly interactions: InteractionLedger;
  readonly pages: PageStore;
  readonly jobs: JobStore;
  /** True when the database answers a trivial query. */
  healthy(): Promise<boolean>;
  /**
   * Migrations of this version the database has not recorded (empty when up
   * to date), for `/readyz`; `undefined` when the database does not answer.
   */
  pendingMigrations(): Promise<string[] | undefined>;
  close(): Promise<void>;
}
