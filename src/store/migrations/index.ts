/**
 * Migrations are defined in code (no files read at run time, so the built
 * package needs nothing beside its JavaScript) and run on every open. Append
 * new ones with the next number; never edit a released one.
 *
 * Which have run is recorded in `schema_migrations` (name, applied_at in
 * epoch ms). All pending migrations run in one transaction with their
 * records, so a failure leaves the schema as it was. Concurrent openers take
 * turns: SQLite's `BEGIN IMMEDIATE` takes the write lock before reading what
 * has run; PostgreSQL takes a transaction-scoped advisory lock (one per
 * schema) first, so two replicas migrating at once are safe.
 */
import { isRoomOpsError, RoomOpsError } from '../../core/errors.js';
import type { SqlDb, SqlDialect } from '../sql-db.js';
import { initialMigration } from './001-initial.js';
import { interactionsPagesMigration } from './002-interactions-pages.js';
import { jobsMigration } from './002-jobs.js';

export interface Migration {
  /** Unique; migrations run in list order. */
  readonly name: string;
  /** The statements to run, in order (no `?` placeholders). */
  up(dialect: SqlDialect): readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [initialMigration, interactionsPagesMigration, jobsMigration];

/** pg_advisory_xact_lock's first key ('Room'); the second is the schema's hash. */
const LOCK_CLASS = 0x526f6f6d;

/**
 * Brings the schema up to date; a no-op when it already is. A database
 * migrated by a newer RoomOps (a migration this version does not know) is
 * refused rather than guessed at.
 */
export async function migrateToLatest(db: SqlDb): Promise<void> {
  // Most opens find nothing to do: they need not wait for the write lock,
  // which another process (the bot, a backup) may be holding right now.
  if (await upToDate(db)) return;
  let running: string | undefined;
  try {
    await db.transaction(async (tx) => {
      if (tx.dialect === 'postgres') {
        await tx.run(`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(current_schema()))`);
      }
      await tx.run(
        'create table if not exists schema_migrations (name text primary key, applied_at bigint not null)',
      );
      let applied = (await tx.all<{ name: string }>('select name from schema_migrations')).map((r) => r.name);
      if (applied.length === 0) applied = await adoptKyselyHistory(tx);
      const known = new Set(MIGRATIONS.map((m) => m.name));
      const unknown = applied.filter((name) => !known.has(name));
      if (unknown.length > 0) {
        throw new RoomOpsError(
          'internal',
          `The store has migration ${unknown.join(', ')}, unknown to this version of RoomOps (a newer one migrated it): run that version, or a newer one.`,
        );
      }
      for (const migration of MIGRATIONS) {
        if (applied.includes(migration.name)) continue;
        running = migration.name;
        for (const statement of migration.up(tx.dialect)) await tx.run(statement);
        await tx.run('insert into schema_migrations (name, applied_at) values (?, ?)', [
          migration.name,
          Date.now(),
        ]);
        running = undefined;
      }
    });
  } catch (error) {
    // Written for people already; anything else is the driver's and goes to the log.
    if (isRoomOpsError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const which = running === undefined ? '' : ` ${running}`;
    throw new Error(`store migration${which} failed: ${reason}`, { cause: error });
  }
}

/** True when every known migration is recorded and no unknown one is (read without a lock). */
async function upToDate(db: SqlDb): Promise<boolean> {
  let applied: string[];
  try {
    applied = (await db.all<{ name: string }>('select name from schema_migrations')).map((r) => r.name);
  } catch {
    // No table yet (a new database), or it cannot be read now: the locked path decides.
    return false;
  }
  const known = new Set(MIGRATIONS.map((m) => m.name));
  return applied.length === known.size && applied.every((name) => known.has(name));
}

/**
 * The migrations this version knows that the database has not recorded
 * (for `/readyz`). Throws when the database cannot be read.
 */
export async function pendingMigrations(db: SqlDb): Promise<string[]> {
  const exists =
    db.dialect === 'postgres'
      ? await db.get(
          "select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'schema_migrations'",
        )
      : await db.get("select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'");
  if (exists === undefined) return MIGRATIONS.map((m) => m.name);
  const applied = new Set(
    (await db.all<{ name: string }>('select name from schema_migrations')).map((r) => r.name),
  );
  return MIGRATIONS.filter((m) => !applied.has(m.name)).map((m) => m.name);
}

/**
 * Databases created by earlier RoomOps versions were migrated by Kysely,
 * which recorded the same migration names in `kysely_migration` (in the same
 * schema). Their
 * names are copied over once so nothing runs twice; Kysely's tables are left
 * alone.
 */
async function adoptKyselyHistory(tx: SqlDb): Promise<string[]> {
  const exists =
    tx.dialect === 'postgres'
      ? await tx.get(
          "select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'kysely_migration'",
        )
      : await tx.get("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'");
  if (exists === undefined) return [];
  const names = (await tx.all<{ name: string }>('select name from kysely_migration order by name')).map(
    (r) => r.name,
  );
  for (const name of names) {
    await tx.run('insert into schema_migrations (name, applied_at) values (?, ?)', [name, Date.now()]);
  }
  return names;
}
