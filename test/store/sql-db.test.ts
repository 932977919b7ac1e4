import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toPostgresPlaceholders } from '../../src/store/postgres-db.js';
import { SqliteDb } from '../../src/store/sqlite-db.js';

describe('PostgreSQL placeholders', () => {
  it('numbers each ? left to right, leaving quoted ones alone', () => {
    expect(toPostgresPlaceholders('select * from t where a = ? and b in (?, ?) limit ?')).toBe(
      'select * from t where a = $1 and b in ($2, $3) limit $4',
    );
    expect(toPostgresPlaceholders(`update t set s = 'why?', "odd?" = ? where x = 'it''s ?' and y = ?`)).toBe(
      `update t set s = 'why?', "odd?" = $1 where x = 'it''s ?' and y = $2`,
    );
    expect(toPostgresPlaceholders('select 1 as ok')).toBe('select 1 as ok');
  });

  it('gives the same translation again from its cache', () => {
    const sql = 'select * from t where id = ?';
    expect(toPostgresPlaceholders(sql)).toBe(toPostgresPlaceholders(sql));
    expect(toPostgresPlaceholders(sql)).toBe('select * from t where id = $1');
  });
});

describe('SqliteDb', () => {
  it('keeps calls from outside an open transaction out of it', async () => {
    const db = new SqliteDb(new BetterSqlite3(':memory:'));
    try {
      await db.run('create table t (x integer)');
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const tx = db.transaction(async (t) => {
        await t.run('insert into t (x) values (?)', [1]);
        await gate;
        throw new Error('rolled back');
      });
      const outside = db.all<{ n: number }>('select count(*) as n from t');
      release();
      await expect(tx).rejects.toThrow('rolled back');
      expect(await outside).toEqual([{ n: 0 }]);
      expect(
        await db.transaction(async (t) => (await t.run('insert into t (x) values (2), (3)')).changes),
      ).toBe(2);
      expect(await db.run('update t set x = x + 1 returning x')).toEqual({ changes: 2 });
      expect(await db.get('select x from t where x > ?', [100])).toBeUndefined();
    } finally {
      await db.close();
      await db.close();
    }
  });
});
