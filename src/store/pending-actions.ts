/**
 * Pending actions in plain SQL, the same on SQLite and PostgreSQL.
 *
 * Every state change is one conditional `UPDATE … WHERE state = 'pending' …
 * RETURNING *`. The database applies it to a row at most once however many
 * processes race: SQLite runs one writer at a time and evaluates the WHERE
 * under the write lock; PostgreSQL (READ COMMITTED) makes a second updater
 * wait for the first's row lock and then re-checks the WHERE against the row
 * as committed, which no longer says `pending`. So exactly one caller gets the
 * row back — it won — and everyone else reads the row to learn who did.
 */
import { randomBytes } from 'node:crypto';
import { RoomOpsError } from '../shared/coded-error.js';
import type { Kind, PlatformName } from '../shared/vocabulary.js';
import { fromJson, nullable, toDate, toJson, toMillis, withPresent } from './rows.js';
import type { PendingActionsTable } from './schema.js';
import type { SqlDb } from './sql-db.js';
import type {
  DecideResult,
  Decision,
  NewPendingAction,
  PendingAction,
  PendingActionStore,
  PendingState,
  PromptRef,
} from './types.js';

/** What `newPendingId` makes: an id from a button or a form is checked against it before it is used. */
export const PENDING_ID = /^[A-Za-z0-9_-]{24}$/;

/** 144 random bits, base64url: 24 URL-safe characters, unguessable. */
export function newPendingId(): string {
  return randomBytes(18).toString('base64url');
}

type PendingRow = PendingActionsTable;

/** Every column, in the order `create` binds them. */
const COLUMNS = [
  'id',
  'state',
  'created_at',
  'expires_at',
  'requester',
  'requester_name',
  'platform',
  'channel',
  'guild',
  'account',
  'action',
  'kind',
  'invocation',
  'description',
  'rooms',
  'prompt',
  'decided_by',
  'decided_by_name',
  'decided_at',
  'outcome',
  'finished_at',
] as const satisfies readonly (keyof PendingRow)[];

const INSERT = `insert into pending_actions (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`;
const SELECT_ONE = 'select * from pending_actions where id = ?';
const ATTACH_PROMPT = 'update pending_actions set prompt = ? where id = ?';
const DECIDE = `update pending_actions set state = ?, decided_by = ?, decided_by_name = ?, decided_at = ?
  where id = ? and state = 'pending' and expires_at > ? returning *`;
const EXPIRE_ONE = `update pending_actions set state = 'expired'
  where id = ? and state = 'pending' and expires_at <= ? returning *`;
const FINISH = `update pending_actions set state = ?, outcome = ?, finished_at = ?
  where id = ? and state = 'approved'`;
const EXPIRE_DUE_BASE = `update pending_actions set state = 'expired'
  where state = 'pending' and expires_at <= ?`;
/** Served by the (state, expires_at) index. */
const LIST_OPEN = `select * from pending_actions
  where state = 'pending' and expires_at > ? order by expires_at, id limit ?`;
/** App Home shows at most this many; a caller asking for more gets this many. */
const LIST_OPEN_MAX = 500;

function toAction(row: PendingRow): PendingAction {
  const action: PendingAction = {
    id: row.id,
    state: row.state as PendingState,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    requester: row.requester,
    platform: row.platform as PlatformName,
    account: row.account,
    action: row.action,
    kind: row.kind as Kind,
    invocation: fromJson<unknown>(row.invocation),
    description: row.description,
    rooms: fromJson<string[]>(row.rooms),
  };
  return withPresent(action, {
    requesterName: row.requester_name,
    channel: row.channel,
    guild: row.guild,
    prompt: row.prompt === null ? null : fromJson<PromptRef>(row.prompt),
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at === null ? null : toDate(row.decided_at),
    outcome: row.outcome === null ? null : fromJson<unknown>(row.outcome),
    finishedAt: row.finished_at === null ? null : toDate(row.finished_at),
  });
}

const DECISIONS: readonly Decision[] = ['approved', 'cancelled'];

export class SqlPendingActions implements PendingActionStore {
  constructor(private readonly db: SqlDb) {}

  async create(input: NewPendingAction): Promise<PendingAction> {
    const row: PendingRow = {
      id: input.id ?? newPendingId(),
      state: 'pending',
      created_at: toMillis(input.createdAt ?? new Date(), 'createdAt'),
      expires_at: toMillis(input.expiresAt, 'expiresAt'),
      requester: input.requester,
      requester_name: nullable(input.requesterName),
      platform: input.platform,
      channel: nullable(input.channel),
      guild: nullable(input.guild),
      account: input.account,
      action: input.action,
      kind: input.kind,
      invocation: toJson(input.invocation),
      description: input.description,
      rooms: toJson(input.rooms),
      prompt: input.prompt === undefined ? null : toJson(input.prompt),
      decided_by: null,
      decided_by_name: null,
      decided_at: null,
      outcome: null,
      finished_at: null,
    };
    await this.db.run(
      INSERT,
      COLUMNS.map((column) => row[column]),
    );
    return toAction(row);
  }

  async get(id: string): Promise<PendingAction | undefined> {
    const row = await this.db.get<PendingRow>(SELECT_ONE, [id]);
    return row === undefined ? undefined : toAction(row);
  }

  async attachPrompt(id: string, prompt: PromptRef): Promise<void> {
    const { changes } = await this.db.run(ATTACH_PROMPT, [toJson(prompt), id]);
    if (changes === 0) throw new RoomOpsError('internal', `No pending action ${id} to attach a prompt to.`);
  }

  async decide(
    id: string,
    decision: Decision,
    by: string,
    byName: string | undefined,
    at: Date,
  ): Promise<DecideResult> {
    if (!DECISIONS.includes(decision)) throw new TypeError(`store: decision must be approved or cancelled`);
    const atMs = toMillis(at, 'at');
    // A row can only move forward (pending → decided/expired), so two rounds
    // settle it; the loop only guards the instant between the reads.
    for (let round = 0; round < 3; round++) {
      const won = await this.db.get<PendingRow>(DECIDE, [decision, by, nullable(byName), atMs, id, atMs]);
      if (won !== undefined) return { won: true, action: toAction(won) };

      // Not decidable: unknown, already decided, or pending past its expiry —
      // which this click is the first to notice, so it records the expiry.
      const expired = await this.db.get<PendingRow>(EXPIRE_ONE, [id, atMs]);
      if (expired !== undefined) return { won: false, reason: 'expired', action: toAction(expired) };

      const current = await this.get(id);
      if (current === undefined) return { won: false, reason: 'unknown' };
      if (current.state === 'expired') return { won: false, reason: 'expired', action: current };
      if (current.state !== 'pending') return { won: false, reason: 'already_decided', action: current };
    }
    throw new RoomOpsError('internal', `The pending action ${id} kept changing while being decided.`);
  }

  /**
   * Only an approved action is run, so only an approved action is finished;
   * anything else is a caller's bug and says so.
   */
  async finish(id: string, state: 'done' | 'failed', outcome: unknown, at: Date): Promise<void> {
    if (state !== 'done' && state !== 'failed')
      throw new TypeError('store: finish state must be done or failed');
    const { changes } = await this.db.run(FINISH, [state, toJson(outcome), toMillis(at, 'at'), id]);
    if (changes === 0) {
      const current = await this.get(id);
      const why = current === undefined ? 'there is no such action' : `it is ${current.state}, not approved`;
      throw new RoomOpsError('internal', `Cannot finish pending action ${id}: ${why}.`);
    }
  }

  async listOpen(now: Date, limit: number): Promise<PendingAction[]> {
    const bounded = Math.max(0, Math.min(LIST_OPEN_MAX, Math.floor(limit)));
    if (bounded === 0 || !Number.isFinite(bounded)) return [];
    const rows = await this.db.all<PendingRow>(LIST_OPEN, [toMillis(now, 'now'), bounded]);
    return rows.map(toAction);
  }

  async expireDue(now: Date, platforms?: readonly PlatformName[]): Promise<PendingAction[]> {
    if (platforms?.length === 0) return [];
    const sql = platforms
      ? `${EXPIRE_DUE_BASE} and platform in (${platforms.map(() => '?').join(', ')}) returning *`
      : `${EXPIRE_DUE_BASE} returning *`;
    const rows = await this.db.all<PendingRow>(sql, [toMillis(now, 'now'), ...(platforms ?? [])]);
    return rows.map(toAction).sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
  }
}
