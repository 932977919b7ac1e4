/**
 * The room inventory over Kysely: rooms created or seen through RoomOps, one
 * row per (account, room id), with gone rooms kept and marked (deleted through
 * RoomOps, or vanished at the vendor — RongCloud destroys idle rooms).
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import { fromJson, nullable, toDate, toJson, toMillis, withPresent } from './rows.js';
import type { Database, InventoryRoomsTable } from './schema.js';
import type { InventoryRoom, InventoryStore } from './types.js';

/** Keeps `IN (…)` lists well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

function toRoom(row: Selectable<InventoryRoomsTable>): InventoryRoom {
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
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * A room seen again is live again. A sighting without a name keeps the name
   * known before; the first recorded creator stays.
   */
  async upsert(
    room: Omit<InventoryRoom, 'createdAt' | 'updatedAt' | 'goneAt' | 'goneReason'>,
    at: Date,
  ): Promise<void> {
    const atMs = toMillis(at, 'at');
    await this.db
      .insertInto('inventory_rooms')
      .values({
        account: room.account,
        room_id: room.roomId,
        vendor: room.vendor,
        name: nullable(room.name),
        data: toJson(room.data ?? {}),
        created_at: atMs,
        updated_at: atMs,
        created_by: nullable(room.createdBy),
        gone_at: null,
        gone_reason: null,
      })
      .onConflict((oc) =>
        oc.columns(['account', 'room_id']).doUpdateSet({
          vendor: sql`excluded.vendor`,
          name: sql`coalesce(excluded.name, inventory_rooms.name)`,
          data: sql`excluded.data`,
          updated_at: sql`excluded.updated_at`,
          created_by: sql`coalesce(inventory_rooms.created_by, excluded.created_by)`,
          gone_at: null,
          gone_reason: null,
        }),
      )
      .execute();
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
      await this.db
        .updateTable('inventory_rooms')
        .set({ gone_at: atMs, gone_reason: reason, updated_at: atMs })
        .where('account', '=', account)
        .where('room_id', 'in', ids.slice(i, i + CHUNK))
        .where('gone_at', 'is', null)
        .execute();
    }
  }

  async get(account: string, roomId: string): Promise<InventoryRoom | undefined> {
    const row = await this.db
      .selectFrom('inventory_rooms')
      .selectAll()
      .where('account', '=', account)
      .where('room_id', '=', roomId)
      .executeTakeFirst();
    return row === undefined ? undefined : toRoom(row);
  }

  /** Ordered by room id (bytewise on both backends); all rooms unless `limit` is given. */
  async list(
    account: string,
    options: { includeGone?: boolean; limit?: number; afterRoomId?: string } = {},
  ): Promise<InventoryRoom[]> {
    let q = this.db.selectFrom('inventory_rooms').selectAll().where('account', '=', account);
    if (!options.includeGone) q = q.where('gone_at', 'is', null);
    if (options.afterRoomId !== undefined) q = q.where('room_id', '>', options.afterRoomId);
    q = q.orderBy('room_id', 'asc');
    if (options.limit !== undefined) {
      if (!Number.isInteger(options.limit) || options.limit < 1) {
        throw new RangeError('store: inventory list limit must be a whole number of at least 1');
      }
      q = q.limit(options.limit);
    }
    return (await q.execute()).map(toRoom);
  }
}
