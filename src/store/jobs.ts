/**
 * Durable jobs in plain SQL, the same on SQLite and PostgreSQL.
 *
 * The lease is the only token of ownership: every item transition runs in a
 * transaction that first checks `lease_owner` (PostgreSQL locks the job row
 * with `FOR UPDATE`; SQLite's `BEGIN IMMEDIATE` already serialises writers),
 * so a process that lost its lease to another can neither start nor finish
 * an item. Claiming uses `FOR UPDATE SKIP LOCKED` on PostgreSQL so replicas
 * claiming at once each get a different job instead of queueing on one row.
 */
import { RoomOpsError } from '../shared/coded-error.js';
import type { Kind, PlatformName } from '../shared/vocabulary.js';
import {
  type Job,
  type JobFilter,
  type JobItem,
  type JobItemError,
  type JobItemState,
  type JobState,
  type JobStore,
  JOB_STATES,
  type NewJob,
  type StartedItem,
} from './job-types.js';
import { fromJson, nullable, toDate, toJson, toMillis, withPresent } from './rows.js';
import type { Millis } from './schema.js';
import type { SqlDb } from './sql-db.js';
import type { PromptRef } from './types.js';

interface JobRow {
  id: string;
  state: string;
  created_at: Millis;
  run_at: Millis;
  account: string;
  action: string;
  kind: string;
  requester: string;
  requester_name: string | null;
  approver: string;
  approver_name: string | null;
  platform: string;
  channel: string | null;
  guild: string | null;
  invocation: string;
  description: string;
  total: number | string;
  done: number | string;
  failed: number | string;
  cancel_requested: number | string;
  lease_owner: string | null;
  lease_until: Millis;
  started_at: Millis | null;
  finished_at: Millis | null;
  prompt: string | null;
}

interface ItemRow {
  job_id: string;
  seq: number | string;
  room: string;
  state: string;
  error: string | null;
  attempts: number | string;
  started_at: Millis | null;
  finished_at: Millis | null;
}

/** Rows per INSERT when writing a job's items (well under both backends' parameter limits). */
const ITEM_BATCH = 200;
const DEFAULT_LIST = 20;
const MAX_LIST = 200;
const DEFAULT_ITEMS = 1000;
const MAX_ITEMS = 10_000;

const INSERT_JOB = `insert into jobs (id, state, created_at, run_at, account, action, kind, requester,
  requester_name, approver, approver_name, platform, channel, guild, invocation, description, total, prompt)
  values (?, 'scheduled', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function toJob(row: JobRow): Job {
  const leaseUntil = Number(row.lease_until);
  const job: Job = {
    id: row.id,
    state: row.state as JobState,
    createdAt: toDate(row.created_at),
    runAt: toDate(row.run_at),
    account: row.account,
    action: row.action,
    kind: row.kind as Kind,
    requester: row.requester,
    approver: row.approver,
    platform: row.platform as PlatformName,
    invocation: fromJson<unknown>(row.invocation),
    description: row.description,
    total: Number(row.total),
    done: Number(row.done),
    failed: Number(row.failed),
    cancelRequested: Number(row.cancel_requested) === 1,
  };
  return withPresent(job, {
    requesterName: row.requester_name,
    approverName: row.approver_name,
    channel: row.channel,
    guild: row.guild,
    leaseOwner: row.lease_owner,
    leaseUntil: leaseUntil > 0 ? new Date(leaseUntil) : null,
    startedAt: row.started_at === null ? null : toDate(row.started_at),
    finishedAt: row.finished_at === null ? null : toDate(row.finished_at),
    prompt: row.prompt === null ? null : fromJson<PromptRef>(row.prompt),
  });
}

function toItem(row: ItemRow): JobItem {
  const item: JobItem = {
    seq: Number(row.seq),
    room: row.room,
    state: row.state as JobItemState,
    attempts: Number(row.attempts),
  };
  return withPresent(item, {
    error: row.error === null ? null : fromJson<JobItemError>(row.error),
    startedAt: row.started_at === null ? null : toDate(row.started_at),
    finishedAt: row.finished_at === null ? null : toDate(row.finished_at),
  });
}

export class SqlJobs implements JobStore {
  constructor(private readonly db: SqlDb) {}

  /** `FOR UPDATE [SKIP LOCKED]` where the backend has row locks; SQLite's write lock covers it. */
  private lock(skipLocked = false): string {
    if (this.db.dialect !== 'postgres') return '';
    return skipLocked ? ' for update skip locked' : ' for update';
  }

  async create(input: NewJob): Promise<Job> {
    if (input.rooms.length === 0) throw new RoomOpsError('internal', 'A job needs at least one room.');
    await this.db.transaction(async (tx) => {
      await tx.run(INSERT_JOB, [
        input.id,
        toMillis(input.createdAt, 'createdAt'),
        toMillis(input.runAt, 'runAt'),
        input.account,
        input.action,
        input.kind,
        input.requester,
        nullable(input.requesterName),
        input.approver,
        nullable(input.approverName),
        input.platform,
        nullable(input.channel),
        nullable(input.guild),
        toJson(input.invocation),
        input.description,
        input.rooms.length,
        input.prompt === undefined ? null : toJson(input.prompt),
      ]);
      for (let start = 0; start < input.rooms.length; start += ITEM_BATCH) {
        const batch = input.rooms.slice(start, start + ITEM_BATCH);
        const values = batch.map(() => "(?, ?, ?, 'pending')").join(', ');
        const params = batch.flatMap((room, i) => [input.id, start + i, room]);
        await tx.run(`insert into job_items (job_id, seq, room, state) values ${values}`, params);
      }
    });
    const job = await this.get(input.id);
    if (!job) throw new RoomOpsError('internal', `Job ${input.id} vanished right after it was created.`);
    return job;
  }

  async get(id: string): Promise<Job | undefined> {
    const row = await this.db.get<JobRow>('select * from jobs where id = ?', [id]);
    return row === undefined ? undefined : toJob(row);
  }

  async items(
    id: string,
    options: { fromSeq?: number; limit?: number; state?: JobItemState } = {},
  ): Promise<JobItem[]> {
    const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_ITEMS), MAX_ITEMS);
    const params: (string | number)[] = [id, options.fromSeq ?? 0];
    let sql = 'select * from job_items where job_id = ? and seq >= ?';
    if (options.state) {
      sql += ' and state = ?';
      params.push(options.state);
    }
    params.push(limit);
    const rows = await this.db.all<ItemRow>(`${sql} order by seq limit ?`, params);
    return rows.map(toItem);
  }

  async list(filter: JobFilter): Promise<Job[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.account) {
      where.push('account = ?');
      params.push(filter.account);
    }
    if (filter.state) {
      where.push('state = ?');
      params.push(filter.state);
    }
    params.push(Math.min(Math.max(1, filter.limit ?? DEFAULT_LIST), MAX_LIST));
    const clause = where.length ? ` where ${where.join(' and ')}` : '';
    const rows = await this.db.all<JobRow>(
      `select * from jobs${clause} order by created_at desc, id desc limit ?`,
      params,
    );
    return rows.map(toJob);
  }

  async claim(
    owner: string,
    now: Date,
    leaseMs: number,
    missedAfterMs: number,
  ): Promise<{ job?: Job; missed: Job[] }> {
    const nowMs = toMillis(now, 'now');
    return this.db.transaction(async (tx) => {
      const missed = (
        await tx.all<JobRow>(
          `update jobs set state = 'missed', finished_at = ? where state = 'scheduled' and run_at < ? returning *`,
          [nowMs, nowMs - missedAfterMs],
        )
      ).map(toJob);
      const due = await tx.get<{ id: string }>(
        `select id from jobs where (state = 'scheduled' and run_at <= ?) or (state = 'running' and lease_until < ?)
          order by run_at, id limit 1${this.lock(true)}`,
        [nowMs, nowMs],
      );
      if (due === undefined) return { missed };
      const row = await tx.get<JobRow>(
        `update jobs set state = 'running', lease_owner = ?, lease_until = ?, started_at = coalesce(started_at, ?)
          where id = ? returning *`,
        [owner, nowMs + leaseMs, nowMs, due.id],
      );
      return row === undefined ? { missed } : { job: toJob(row), missed };
    });
  }

  async renew(id: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const { changes } = await this.db.run(
      `update jobs set lease_until = ? where id = ? and lease_owner = ? and state = 'running'`,
      [toMillis(now, 'now') + leaseMs, id, owner],
    );
    return changes > 0;
  }

  async release(id: string, owner: string): Promise<void> {
    await this.db.run(
      `update jobs set lease_owner = null, lease_until = 0 where id = ? and lease_owner = ? and state = 'running'`,
      [id, owner],
    );
  }

  async startItem(
    id: string,
    owner: string,
    afterSeq = -1,
  ): Promise<StartedItem | 'none_left' | 'lease_lost' | 'cancel_requested'> {
    return this.db.transaction(async (tx) => {
      const held = await this.held(tx, id, owner);
      if (held === undefined) return 'lease_lost';
      if (held.cancelRequested) return 'cancel_requested';
      const row = await tx.get<ItemRow>(
        `select * from job_items where job_id = ? and seq > ? and state in ('pending', 'running') order by seq limit 1`,
        [id, afterSeq],
      );
      if (row === undefined) return 'none_left';
      const resumed = row.state === 'running';
      const startedAt = Date.now();
      await tx.run(
        `update job_items set state = 'running', attempts = attempts + 1, started_at = ? where job_id = ? and seq = ?`,
        [startedAt, id, Number(row.seq)],
      );
      const item = toItem({
        ...row,
        state: 'running',
        attempts: Number(row.attempts) + 1,
        started_at: startedAt,
      });
      return { item, resumed };
    });
  }

  async finishItem(
    id: string,
    owner: string,
    seq: number,
    outcome: { ok: true } | { ok: false; error: JobItemError },
    at: Date,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if ((await this.held(tx, id, owner)) === undefined) return false;
      const { changes } = await tx.run(
        `update job_items set state = ?, error = ?, finished_at = ? where job_id = ? and seq = ? and state = 'running'`,
        [
          outcome.ok ? 'done' : 'failed',
          outcome.ok ? null : toJson(outcome.error),
          toMillis(at, 'at'),
          id,
          seq,
        ],
      );
      if (changes === 0) return false;
      const counter = outcome.ok ? 'done' : 'failed';
      await tx.run(`update jobs set ${counter} = ${counter} + 1 where id = ?`, [id]);
      return true;
    });
  }

  async finish(
    id: string,
    owner: string,
    state: 'done' | 'failed' | 'cancelled',
    at: Date,
  ): Promise<Job | undefined> {
    const row = await this.db.get<JobRow>(
      `update jobs set state = ?, finished_at = ?, lease_owner = null, lease_until = 0
        where id = ? and lease_owner = ? and state = 'running' returning *`,
      [state, toMillis(at, 'at'), id, owner],
    );
    return row === undefined ? undefined : toJob(row);
  }

  async cancel(id: string, at: Date): Promise<Job | undefined> {
    const scheduled = await this.db.get<JobRow>(
      `update jobs set state = 'cancelled', finished_at = ? where id = ? and state = 'scheduled' returning *`,
      [toMillis(at, 'at'), id],
    );
    if (scheduled !== undefined) return toJob(scheduled);
    const running = await this.db.get<JobRow>(
      `update jobs set cancel_requested = 1 where id = ? and state = 'running' returning *`,
      [id],
    );
    if (running !== undefined) return toJob(running);
    return this.get(id);
  }

  async attachPrompt(id: string, prompt: PromptRef): Promise<void> {
    const { changes } = await this.db.run('update jobs set prompt = ? where id = ?', [toJson(prompt), id]);
    if (changes === 0) throw new RoomOpsError('internal', `No job ${id} to attach a prompt to.`);
  }

  async setInvocation(id: string, invocation: unknown): Promise<boolean> {
    const { changes } = await this.db.run(
      "update jobs set invocation = ? where id = ? and state = 'scheduled'",
      [toJson(invocation), id],
    );
    return changes > 0;
  }

  async countJobsByState(): Promise<Record<JobState, number>> {
    const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    const rows = await this.db.all<{ state: string; n: number | string }>(
      'select state, count(*) as n from jobs group by state',
    );
    for (const row of rows) if (row.state in counts) counts[row.state as JobState] = Number(row.n);
    return counts;
  }

  /** The job's cancel flag when `owner` holds its lease, else undefined. */
  private async held(
    tx: SqlDb,
    id: string,
    owner: string,
  ): Promise<{ cancelRequested: boolean } | undefined> {
    const job = await tx.get<{
      lease_owner: string | null;
      state: string;
      cancel_requested: number | string;
    }>(`select lease_owner, state, cancel_requested from jobs where id = ?${this.lock()}`, [id]);
    if (job === undefined || job.state !== 'running' || job.lease_owner !== owner) return undefined;
    return { cancelRequested: Number(job.cancel_requested) === 1 };
  }
}
