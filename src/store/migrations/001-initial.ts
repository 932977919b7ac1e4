/**
 * The first schema: pending actions, the audit log, the room inventory.
 * One migration for both backends; the few differences (auto-increment ids,
 * byte-order text) are chosen by `kind`.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreKind } from '../schema.js';

export function initialMigration(kind: StoreKind): Migration {
  // Room ids sort and page (`room_id > ?`) the same on both backends: SQLite
  // compares TEXT bytewise; PostgreSQL would use the database's locale unless
  // told otherwise.
  const sortableText = kind === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('pending_actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('requester', 'text', (c) => c.notNull())
        .addColumn('requester_name', 'text')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('guild', 'text')
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('invocation', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('rooms', 'text', (c) => c.notNull())
        .addColumn('prompt', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_by_name', 'text')
        .addColumn('decided_at', 'bigint')
        .addColumn('outcome', 'text')
        .addColumn('finished_at', 'bigint')
        .execute();
      // expireDue: `WHERE state = 'pending' AND expires_at <= ?`.
      await db.schema
        .createIndex('pending_actions_state_expires')
        .on('pending_actions')
        .columns(['state', 'expires_at'])
        .execute();

      let audit = db.schema.createTable('audit_log');
      audit =
        kind === 'postgres'
          ? audit.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
          : audit.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
      await audit
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('guild', 'text')
        .addColumn('account', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('kind', 'text')
        .addColumn('args', 'text', (c) => c.notNull())
        .addColumn('rooms', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('vendor_request_id', 'text')
        .addColumn('latency_ms', 'double precision')
        .addColumn('pending_id', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'bigint')
        .execute();
      // `audit` lists newest first, optionally filtered by one of these.
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
      for (const column of ['actor', 'account', 'action'] as const) {
        await db.schema
          .createIndex(`audit_log_${column}_at`)
          .on('audit_log')
          .columns([column, 'at', 'id'])
          .execute();
      }

      await db.schema
        .createTable('inventory_rooms')
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('room_id', sortableText, (c) => c.notNull())
        .addColumn('vendor', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('gone_at', 'bigint')
        .addColumn('gone_reason', 'text')
        // Also the index for `list`: account, then room id order.
        .addPrimaryKeyConstraint('inventory_rooms_pk', ['account', 'room_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('inventory_rooms').execute();
      await db.schema.dropTable('audit_log').execute();
      await db.schema.dropTable('pending_actions').execute();
    },
  };
}
