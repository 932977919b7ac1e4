/**
 * The room inventory in plain SQL: rooms created or seen through RoomOps, one
 * row per (account, room id), with gone rooms kept and marked (deleted through
 * RoomOps, or vanished at the vendor — RongCloud destroys idle rooms).
 */
import { fromJson, nullable, toDate, toJson, toMillis, withPresent } from './rows.js';
import type { InventoryRoomsTable } from './schema.js';
import type { SqlDb, SqlParam } from './sql-db.js';
import type { InventoryRoom, InventoryStore } from './types.js';

/** Keeps `IN (…)` lists well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/**
 * A room seen again is live again. A sighting without a name keeps the name
 * known before; the first recorded creator stays.
 */
const UPSERT = `insert into inventory_rooms
    (account, room_id, vendor, name, data, created_at, updated_at, created_by, gone_at, gone_reason)
  values (?, ?, ?, ?, ?, ?, ?, ?, null, null)
  on conflict (account, room_id) do update set
    vendor = excluded.vendor,
    name = coalesce(excluded.name, inventory_rooms.name),
    data = excluded.data,
    updated_at = excluded.updated_at,
    created_by = coalesce(inventory_rooms.created_by, excluded.created_by),
    gone_at = null,
    gone_reason = null`;

const SELECT_ONE = 'select * from inventory_rooms where account = ? and room_id = ?';

function toRoom(row: InventoryRoomsTable): InventoryRoom {
  const room: InventoryRoom = {
    account: row.account,
    vendor: row.vendor,
    roomId: row.room_id,
    data: fromJson<Record<string, unknown>>(row.data),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
  return withPresent(room, {
    name: row.name,
    createdBy: row.created_by,
    goneAt: row.gone_at === null ? null : toDate(row.gone_at),
    goneReason: row.gone_reason,
  });
}

export class SqlInventory implements InventoryStore {
  constructor(private readonly db: SqlDb) {}

  /** See UPSERT. */
  async upsert(
    room: Omit<InventoryRoom, 'createdAt' | 'updatedAt' | 'goneAt' | 'goneReason'>,
    at: Date,
  ): Promise<void> {
    const atMs = toMillis(at, 'at');
    await this.db.run(UPSERT, [
      room.account,
      room.roomId,
      room.vendor,
      nullable(room.name),
      toJson(room.data ?? {}),
      atMs,
      atMs,
      nullable(room.createdBy),
    ]);
  }

  /** Rooms already marked gone keep their first mark; unknown ids are ignored. */
  async markGone(
    account: string,
    roomIds: readonly string[],
    reason: 'deleted' | 'vanished',
    at: Date,
  ): Promise<void> {
    const atMs = toMillis(at, 'at');
    const ids = [...new Set(roomIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await this.db.run(
        `update inventory_rooms set gone_at = ?, gone_reason = ?, updated_at = ?
          where account = ? and room_id in (${chunk.map(() => '?').join(', ')}) and gone_at is null`,
        [atMs, reason, atMs, account, ...chunk],
      );
    }
  }

  async get(account: string, roomId: string): Promise<InventoryRoom | undefined> {
    const row = await this.db.get<InventoryRoomsTable>(SELECT_ONE, [account, roomId]);
    return row === undefined ? undefined : toRoom(row);
  }

  /** Ordered by room id (bytewise on both backends); all rooms unless `limit` is given. */
  async list(
    account: string,
    options: { includeGone?: boolean; limit?: number; afterRoomId?: string } = {},
  ): Promise<InventoryRoom[]> {
    let sql = 'select * from inventory_rooms where account = ?';
    const params: SqlParam[] = [account];
    if (!options.includeGone) sql += ' and gone_at is null';
    if (options.afterRoomId !== undefined) {
      sql += ' and room_id > ?';
      params.push(options.afterRoomId);
    }
    sql += ' order by room_id asc';
    if (options.limit !== undefined) {
      if (!Number.isInteger(options.limit) || options.limit < 1) {
        throw new RangeError('store: inventory list limit must be a whole number of at least 1');
      }
      sql += ' limit ?';
      params.push(options.limit);
    }
    return (await this.db.all<InventoryRoomsTable>(sql, params)).map(toRoom);
  }
}
