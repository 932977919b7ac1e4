/**
 * The store suite against a real PostgreSQL at ROOMOPS_TEST_POSTGRES_URL
 * (`source .ci/postgres.sh` starts one). Every database a test asks for is a
 * fresh schema of that database, named for this run, so runs never collide;
 * they are dropped at the end. In CI the suite never silently skips.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { openPostgres } from '../../src/store/postgres.js';
import { StoreError } from '../../src/store/store-error.js';
import { IN_CI as inCi, PostgresSchemas, TEST_POSTGRES_URL as baseUrl } from '../helpers/postgres-schemas.js';
import { newAction, storeSuite } from './store-suite.js';

if (!baseUrl && inCi) {
  describe('PostgreSQL store', () => {
    it('runs in CI', () => {
      throw new Error(
        'PostgreSQL required in CI: set ROOMOPS_TEST_POSTGRES_URL (`source .ci/postgres.sh` starts one)',
      );
    });
  });
}

if (!baseUrl && !inCi) {
  console.warn(
    'PostgreSQL store tests skipped: ROOMOPS_TEST_POSTGRES_URL is not set (`source .ci/postgres.sh` starts a local PostgreSQL).',
  );
}

const schemas = new PostgresSchemas('roomops_test');
/** `baseUrl` with its search_path set to a new, empty schema. */
const freshSchemaUrl = (): Promise<string> => schemas.fresh();

const title = baseUrl
  ? 'PostgreSQL store'
  : 'PostgreSQL store — skipped: ROOMOPS_TEST_POSTGRES_URL is not set (`source .ci/postgres.sh`)';

describe.skipIf(!baseUrl)(title, () => {
  afterAll(() => schemas.drop());

  storeSuite('shared suite', { shared: true, freshUrl: freshSchemaUrl });

  it('keeps two schemas of one database apart', async () => {
    const [a, b] = [await openStore(await freshSchemaUrl()), await openStore(await freshSchemaUrl())];
    try {
      const created = await a.pending.create(newAction());
      expect(a.kind).toBe('postgres');
      expect(await b.pending.get(created.id)).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('cancels a statement longer than storage.timeoutMs as a store timeout', async () => {
    const db = await openPostgres(await freshSchemaUrl(), { statementTimeoutMs: 300 });
    try {
      expect((await db.get<{ t: string }>("select current_setting('statement_timeout') as t"))?.t).toBe(
        '300ms',
      );
      const started = Date.now();
      const error = (await db.get('select pg_sleep(2)').catch((e: unknown) => e)) as StoreError;
      expect(error).toBeInstanceOf(StoreError);
      expect(error.code).toBe('internal');
      expect(error.failure).toBe('timeout');
      expect(error.message).toMatch(/within 300 ms.*statement_timeout/);
      expect(Date.now() - started).toBeLessThan(1_900);
      // The pool is still usable afterwards.
      expect(Number((await db.get<{ ok: number }>('select 1 as ok'))?.ok)).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('gives every store statement a 5 s statement timeout by default', async () => {
    const store = await openStore(await freshSchemaUrl());
    const db = await openPostgres(await freshSchemaUrl());
    try {
      expect((await db.get<{ t: string }>("select current_setting('statement_timeout') as t"))?.t).toBe('5s');
      expect(await store.healthy()).toBe(true);
    } finally {
      await db.close();
      await store.close();
    }
  });

  it('never shows the password when it cannot log in', async () => {
    const url = new URL(baseUrl as string);
    url.password = 'Wr0ngPassw0rdXyz';
    const error = (await openStore(url.toString()).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/storage\.url postgres:\/\/[^:]+:\*\*\*@/);
    expect(error.message).not.toContain('Wr0ngPassw0rdXyz');
    expect(JSON.stringify(error)).not.toContain('Wr0ngPassw0rdXyz');
  });
});
