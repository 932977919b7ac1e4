import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/open-store.js';
import { storeSuite } from './store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'roomops-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

storeSuite('SQLite store (file)', {
  shared: true,
  freshUrl: async () => `sqlite://${join(dir, `store-${++files}.db`)}`,
});

storeSuite('SQLite store (:memory:)', {
  shared: false,
  freshUrl: async () => 'sqlite::memory:',
});

describe('SQLite store files', () => {
  it('creates sqlite:relative/path.db and its directories under the current directory', async () => {
    const cwd = process.cwd();
    const here = mkdtempSync(join(dir, 'cwd-'));
    process.chdir(here);
    try {
      const store = await openStore('sqlite:nested/deeper/roomops.db');
      expect(store.kind).toBe('sqlite');
      await store.close();
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(join(here, 'nested/deeper/roomops.db'))).toBe(true);
  });

  it('puts the file in WAL mode so other processes can read while one writes', async () => {
    const file = join(dir, 'wal.db');
    const store = await openStore(`sqlite://${file}`);
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = raw
        .prepare("select name from sqlite_master where type = 'table' order by name")
        .pluck()
        .all();
      expect(tables).toEqual(expect.arrayContaining(['audit_log', 'inventory_rooms', 'pending_actions']));
    } finally {
      raw.close();
      await store.close();
    }
  });

  it('says which storage.url it could not open', async () => {
    const blocker = join(dir, 'a-file');
    await (await openStore(`sqlite://${blocker}`)).close();
    await expect(openStore(`sqlite://${blocker}/inside.db`)).rejects.toThrow(
      /storage\.url sqlite:\/\/\/.*a-file\/inside\.db/,
    );
  });

  it('takes over a database migrated by Kysely without running its migrations again', async () => {
    const file = join(dir, 'from-kysely.db');
    const raw = new BetterSqlite3(file);
    for (const migration of MIGRATIONS) for (const statement of migration.up('sqlite')) raw.exec(statement);
    // What Kysely's Migrator left behind.
    raw.exec(
      'create table kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)',
    );
    const record = raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)');
    for (const migration of MIGRATIONS) record.run(migration.name, '2026-01-01T00:00:00.000Z');
    raw.exec(
      `insert into inventory_rooms (account, room_id, vendor, data, created_at, updated_at)
        values ('rong-prod', 'kept', 'rongcloud', '{}', 0, 0)`,
    );
    raw.close();

    for (let i = 0; i < 2; i++) {
      const store = await openStore(`sqlite://${file}`);
      expect((await store.inventory.list('rong-prod')).map((r) => r.roomId)).toEqual(['kept']);
      await store.close();
    }
    const check = new BetterSqlite3(file, { readonly: true });
    try {
      expect(check.prepare('select name from schema_migrations order by name').pluck().all()).toEqual(
        MIGRATIONS.map((m) => m.name),
      );
    } finally {
      check.close();
    }
  });

  it('refuses a database migrated by a newer version', async () => {
    const file = join(dir, 'from-the-future.db');
    await (await openStore(`sqlite://${file}`)).close();
    const raw = new BetterSqlite3(file);
    raw.prepare('insert into schema_migrations (name, applied_at) values (?, ?)').run('999-future', 0);
    raw.close();
    await expect(openStore(`sqlite://${file}`)).rejects.toThrow(/999-future, unknown to this version/);
  });
});
