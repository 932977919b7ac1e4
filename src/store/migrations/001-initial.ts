/**
 * The first schema: pending actions, the audit log, the room inventory.
 * One migration for both backends; the few differences (auto-increment ids,
 * byte-order text) are chosen by dialect.
 */
import type { Migration } from './index.js';

export const initialMigration: Migration = {
  name: '001-initial',
  up(dialect) {
    // Room ids sort and page (`room_id > ?`) the same on both backends: SQLite
    // compares TEXT bytewise; PostgreSQL would use the database's locale unless
    // told otherwise.
    const sortableText = dialect === 'postgres' ? 'text collate "C"' : 'text';
    const auditId =
      dialect === 'postgres'
        ? 'bigint primary key generated always as identity'
        : 'integer primary key autoincrement';
    return [
      `create table pending_actions (
        id text primary key,
        state text not null,
        created_at bigint not null,
        expires_at bigint not null,
        requester text not null,
        requester_name text,
        platform text not null,
        channel text,
        guild text,
        account text not null,
        action text not null,
        kind text not null,
        invocation text not null,
        description text not null,
        rooms text not null,
        prompt text,
        decided_by text,
        decided_by_name text,
        decided_at bigint,
        outcome text,
        finished_at bigint
      )`,
      // expireDue: `WHERE state = 'pending' AND expires_at <= ?`.
      'create index pending_actions_state_expires on pending_actions (state, expires_at)',

      `create table audit_log (
        id ${auditId},
        at bigint not null,
        actor text not null,
        actor_name text,
        platform text not null,
        channel text,
        guild text,
        account text,
        action text not null,
        kind text,
        args text not null,
        rooms text not null,
        outcome text not null,
        detail text,
        vendor_request_id text,
        latency_ms double precision,
        pending_id text,
        decided_by text,
        decided_at bigint
      )`,
      // `audit` lists newest first, optionally filtered by one of these.
      'create index audit_log_at on audit_log (at, id)',
      'create index audit_log_actor_at on audit_log (actor, at, id)',
      'create index audit_log_account_at on audit_log (account, at, id)',
      'create index audit_log_action_at on audit_log (action, at, id)',

      // The primary key is also the index for `list`: account, then room id order.
      `create table inventory_rooms (
        account text not null,
        room_id ${sortableText} not null,
        vendor text not null,
        name text,
        data text not null,
        created_at bigint not null,
        updated_at bigint not null,
        created_by text,
        gone_at bigint,
        gone_reason text,
        constraint inventory_rooms_pk primary key (account, room_id)
      )`,
    ];
  },
};
