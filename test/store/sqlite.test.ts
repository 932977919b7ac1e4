import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
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
});
