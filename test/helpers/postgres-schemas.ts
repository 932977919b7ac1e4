/**
 * Fresh, empty schemas of the test PostgreSQL (ROOMOPS_TEST_POSTGRES_URL;
 * `source .ci/postgres.sh` starts one) for tests that need a database of
 * their own. Each is handed out as a URL whose search_path selects it, so
 * runs, files and versions of RoomOps sharing the database never see or
 * migrate each other's tables; `drop()` removes them at the end.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_POSTGRES_URL = process.env.ROOMOPS_TEST_POSTGRES_URL;
export const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

/** A test waits this long at most for the database to accept a connection. */
const CONNECT_TIMEOUT_MS = 10_000;

export class PostgresSchemas {
  private readonly created: string[] = [];

  /** `prefix` names whose schemas they are (`roomops_jobs`), for whoever looks at the database. */
  constructor(
    private readonly prefix: string,
    private readonly baseUrl: string | undefined = TEST_POSTGRES_URL,
  ) {}

  /** A new, empty schema, as the base URL with `options=-c search_path=<schema>`. */
  async fresh(): Promise<string> {
    const schema = `${this.prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
    await this.query(`create schema "${schema}"`);
    this.created.push(schema);
    const url = new URL(this.base());
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  }

  /** Drops every schema handed out so far. */
  async drop(): Promise<void> {
    if (this.created.length === 0) return;
    await this.query(...this.created.splice(0).map((schema) => `drop schema if exists "${schema}" cascade`));
  }

  private async query(...statements: string[]): Promise<void> {
    const client = new pg.Client({
      connectionString: this.base(),
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  }

  private base(): string {
    if (!this.baseUrl)
      throw new Error('ROOMOPS_TEST_POSTGRES_URL is not set: no PostgreSQL to make a schema in');
    return this.baseUrl;
  }
}
