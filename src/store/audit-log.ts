/**
 * The audit log in plain SQL: append-only, read newest first with optional
 * filters on who, which account and which action (each backed by an index on
 * that column and time).
 */
import type { Kind, PlatformName } from '../shared/vocabulary.js';
import { fromJson, nullable, toDate, toJson, toMillis, withPresent } from './rows.js';
import type { AuditLogTable } from './schema.js';
import type { SqlDb, SqlParam } from './sql-db.js';
import type { AuditEntry, AuditFilter, AuditOutcome, AuditStore } from './types.js';

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 1000;

/** The filter's limit as a whole number from 1 to 1000; 50 when absent or not a number. */
export function auditLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return AUDIT_DEFAULT_LIMIT;
  return Math.min(AUDIT_MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** Every column but the generated id, in the order `append` binds them. */
const COLUMNS = [
  'at',
  'actor',
  'actor_name',
  'platform',
  'channel',
  'guild',
  'account',
  'action',
  'kind',
  'args',
  'rooms',
  'outcome',
  'detail',
  'vendor_request_id',
  'latency_ms',
  'pending_id',
  'decided_by',
  'decided_at',
] as const satisfies readonly (keyof AuditLogTable)[];

const INSERT = `insert into audit_log (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`;

function toEntry(row: AuditLogTable): AuditEntry {
  const entry: AuditEntry = {
    id: Number(row.id),
    at: toDate(row.at),
    actor: row.actor,
    platform: row.platform as PlatformName,
    action: row.action,
    args: fromJson<Record<string, unknown>>(row.args),
    rooms: fromJson<string[]>(row.rooms),
    outcome: row.outcome as AuditOutcome,
  };
  return withPresent(entry, {
    actorName: row.actor_name,
    channel: row.channel,
    guild: row.guild,
    account: row.account,
    kind: row.kind as Kind | null,
    detail: row.detail,
    vendorRequestId: row.vendor_request_id,
    latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
    pendingId: row.pending_id,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : toDate(row.decided_at),
  });
}

export class SqlAuditLog implements AuditStore {
  constructor(private readonly db: SqlDb) {}

  async append(entry: AuditEntry): Promise<void> {
    const row: Omit<AuditLogTable, 'id'> = {
      at: toMillis(entry.at, 'at'),
      actor: entry.actor,
      actor_name: nullable(entry.actorName),
      platform: entry.platform,
      channel: nullable(entry.channel),
      guild: nullable(entry.guild),
      account: nullable(entry.account),
      action: entry.action,
      kind: nullable(entry.kind),
      args: toJson(entry.args ?? {}),
      rooms: toJson(entry.rooms ?? []),
      outcome: entry.outcome,
      detail: nullable(entry.detail),
      vendor_request_id: nullable(entry.vendorRequestId),
      latency_ms: nullable(entry.latencyMs),
      pending_id: nullable(entry.pendingId),
      decided_by: nullable(entry.decidedBy),
      decided_at: entry.decidedAt === undefined ? null : toMillis(entry.decidedAt, 'decidedAt'),
    };
    await this.db.run(
      INSERT,
      COLUMNS.map((column) => row[column]),
    );
  }

  async query(filter: AuditFilter): Promise<AuditEntry[]> {
    const conditions: string[] = [];
    const params: SqlParam[] = [];
    for (const column of ['actor', 'account', 'action'] as const) {
      const value = filter[column];
      if (value === undefined) continue;
      conditions.push(`${column} = ?`);
      params.push(value);
    }
    const where = conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '';
    params.push(auditLimit(filter.limit));
    // Same time: the later insert first.
    const rows = await this.db.all<AuditLogTable>(
      `select * from audit_log${where} order by at desc, id desc limit ?`,
      params,
    );
    return rows.map(toEntry);
  }
}
