/**
 * Migrations are defined in code (no files read at run time, so the built
 * package needs nothing beside its JavaScript) and run by Kysely's Migrator on
 * every open. Append new ones with the next number; never edit a released one.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { StoreKind } from '../schema.js';
import { initialMigration } from './001-initial.js';

export function migrationsFor(kind: StoreKind): Record<string, Migration> {
  return {
    '001-initial': initialMigration(kind),
  };
}

class InCodeMigrations implements MigrationProvider {
  constructor(private readonly kind: StoreKind) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrationsFor(this.kind);
  }
}

/**
 * Brings the schema up to date; a no-op when it already is. `schema` is the
 * PostgreSQL schema the tables live in (the connection's `current_schema()`),
 * so that Kysely looks for its bookkeeping tables there and not in another
 * schema of the same database.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  kind: StoreKind,
  options: { schema?: string; disableTransactions?: boolean } = {},
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrations(kind),
    ...(options.schema !== undefined ? { migrationTableSchema: options.schema } : {}),
    ...(options.disableTransactions ? { disableTransactions: true } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`store migration ${failed ?? ''} failed: ${reason}`.replace('  ', ' '), { cause: error });
  }
}
