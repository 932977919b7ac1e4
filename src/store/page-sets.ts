/**
 * Page sets in plain SQL, the same on SQLite and PostgreSQL. The caller
 * (src/platforms/page-state.ts) caps each set's size; this bounds the table
 * by age and row count.
 */
import type { PlatformName } from '../shared/vocabulary.js';
import { fromJson, toDate, toJson, toMillis } from './rows.js';
import type { PageSetsTable } from './schema.js';
import type { SqlDb } from './sql-db.js';
import type { PageSet, PageStore } from './types.js';

const INSERT = `insert into page_sets (key, platform, owner, pages, bytes, created_at, expires_at)
  values (?, ?, ?, ?, ?, ?, ?)`;
const SELECT_LIVE = 'select * from page_sets where key = ? and expires_at > ?';
const DELETE_EXPIRED = 'delete from page_sets where expires_at <= ?';
// The newest `keep` rows' oldest creation time; older rows go. Written this way
// because SQLite has no `LIMIT ALL` and PostgreSQL no `LIMIT -1`.
const KEEP_CUTOFF = 'select created_at from page_sets order by created_at desc limit 1 offset ?';
const DELETE_OLDER = 'delete from page_sets where created_at < ?';

export class SqlPageStore implements PageStore {
  constructor(private readonly db: SqlDb) {}

  async put(set: PageSet): Promise<void> {
    const pages = toJson(set.pages);
    await this.db.run(INSERT, [
      set.key,
      set.platform,
      set.owner,
      pages,
      Buffer.byteLength(pages),
      toMillis(set.createdAt, 'createdAt'),
      toMillis(set.expiresAt, 'expiresAt'),
    ]);
  }

  async get(key: string, now: Date): Promise<PageSet | undefined> {
    const row = await this.db.get<PageSetsTable>(SELECT_LIVE, [key, toMillis(now, 'now')]);
    if (!row) return undefined;
    return {
      key: row.key,
      platform: row.platform as PlatformName,
      owner: row.owner,
      pages: fromJson<unknown[]>(row.pages),
      createdAt: toDate(row.created_at),
      expiresAt: toDate(row.expires_at),
    };
  }

  async prune(now: Date, keep: number): Promise<number> {
    let gone = (await this.db.run(DELETE_EXPIRED, [toMillis(now, 'now')])).changes;
    const cutoff = await this.db.get<{ created_at: PageSetsTable['created_at'] }>(KEEP_CUTOFF, [
      Math.max(0, keep - 1),
    ]);
    if (cutoff) gone += (await this.db.run(DELETE_OLDER, [Number(cutoff.created_at)])).changes;
    return gone;
  }
}
