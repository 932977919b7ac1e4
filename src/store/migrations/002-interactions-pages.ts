/**
 * Two small tables that let any replica answer any Discord HTTP interaction
 * or page flip (DESIGN.md "Discord HTTP interactions (stateless replicas)"):
 * `interaction_receipts` records each interaction id once, so a replayed
 * request is ignored; `page_sets` holds the pages of a long answer for a
 * short while, with who asked for them. Both are pruned by age.
 */
import type { Migration } from './index.js';

export const interactionsPagesMigration: Migration = {
  name: '002-interactions-pages',
  up() {
    return [
      `create table interaction_receipts (
        id text primary key,
        platform text not null,
        received_at bigint not null
      )`,
      'create index interaction_receipts_received on interaction_receipts (received_at)',

      `create table page_sets (
        key text primary key,
        platform text not null,
        owner text not null,
        pages text not null,
        bytes integer not null,
        created_at bigint not null,
        expires_at bigint not null
      )`,
      'create index page_sets_expires on page_sets (expires_at)',
      'create index page_sets_created on page_sets (created_at)',
    ];
  },
};
