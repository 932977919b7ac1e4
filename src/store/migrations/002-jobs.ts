/**
 * Durable jobs (DESIGN.md "Durable jobs"): one row per job, one per item.
 * A job is leased by one process at a time (`lease_owner`, `lease_until`);
 * an item moves pending → running → done | failed, and `running` survives a
 * crash so the next owner knows to re-check it before sending anything again.
 */
import type { Migration } from './index.js';

export const jobsMigration: Migration = {
  name: '002-jobs',
  up() {
    return [
      `create table jobs (
        id text primary key,
        state text not null,
        created_at bigint not null,
        run_at bigint not null,
        account text not null,
        action text not null,
        kind text not null,
        requester text not null,
        requester_name text,
        approver text not null,
        approver_name text,
        platform text not null,
        channel text,
        guild text,
        invocation text not null,
        description text not null,
        total integer not null,
        done integer not null default 0,
        failed integer not null default 0,
        cancel_requested integer not null default 0,
        lease_owner text,
        lease_until bigint not null default 0,
        started_at bigint,
        finished_at bigint,
        prompt text
      )`,
      // claim: `state in ('scheduled','running') order by run_at`; jobs lists by state.
      'create index jobs_state_run_at on jobs (state, run_at)',
      `create table job_items (
        job_id text not null,
        seq integer not null,
        room text not null,
        state text not null,
        error text,
        attempts integer not null default 0,
        started_at bigint,
        finished_at bigint,
        constraint job_items_pk primary key (job_id, seq)
      )`,
    ];
  },
};
