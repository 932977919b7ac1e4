import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import {
  DEFAULT_STORAGE_URL,
  openStore,
  parseStorageUrl,
  redactUrl,
  resolveStorageUrl,
} from '../../src/store/open-store.js';
import { scrubPasswords } from '../../src/store/storage-url.js';

const SECRET = 'S3cr3tPassW0rd';

describe('storage URL', () => {
  it('resolves ROOMOPS_DATABASE_URL, else storage.url, else the default', () => {
    expect(resolveStorageUrl({ ROOMOPS_DATABASE_URL: 'postgres://h/db' }, 'sqlite:x.db')).toBe(
      'postgres://h/db',
    );
    expect(resolveStorageUrl({ ROOMOPS_DATABASE_URL: '' }, 'sqlite:x.db')).toBe('sqlite:x.db');
    expect(resolveStorageUrl({}, undefined)).toBe('sqlite:data/roomops.db');
    expect(DEFAULT_STORAGE_URL).toBe('sqlite:data/roomops.db');
  });

  it('reads the SQLite forms', () => {
    expect(parseStorageUrl('sqlite:data/roomops.db', '/srv/app')).toEqual({
      kind: 'sqlite',
      file: '/srv/app/data/roomops.db',
    });
    expect(parseStorageUrl('sqlite:./x/../y.db', '/srv/app')).toEqual({
      kind: 'sqlite',
      file: '/srv/app/y.db',
    });
    expect(parseStorageUrl('sqlite:///var/lib/roomops/r.db', '/srv/app')).toEqual({
      kind: 'sqlite',
      file: '/var/lib/roomops/r.db',
    });
    expect(parseStorageUrl('sqlite:/var/lib/r.db')).toEqual({ kind: 'sqlite', file: '/var/lib/r.db' });
    expect(parseStorageUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', file: ':memory:' });
    expect(parseStorageUrl('  sqlite:a.db  ', '/w')).toEqual({ kind: 'sqlite', file: join('/w', 'a.db') });
  });

  it('reads the PostgreSQL forms', () => {
    for (const url of [
      `postgres://roomops:${SECRET}@db.internal:5432/roomops`,
      `postgresql://roomops:${SECRET}@127.0.0.1/roomops?sslmode=require`,
      'postgres://db.internal/roomops',
      'postgres:///roomops?host=/var/run/postgresql',
    ]) {
      expect(parseStorageUrl(url)).toEqual({ kind: 'postgres', url });
    }
  });

  it.each([
    ['', /no scheme/],
    ['data/roomops.db', /no scheme/],
    ['mysql://u:p@h/db', /unknown scheme "mysql:"/],
    ['sqlite:', /path is empty/],
    ['sqlite:///', /path is empty/],
    ['sqlite://host/x.db', /no host/],
    ['sqlite:data/', /directory/],
    ['sqlite:x.db?mode=ro', /no query/],
    ['postgres://h', /one database/],
    ['postgres://h/a/b', /one database/],
    ['postgres:///db', /no host/],
    ['postgres://u:p@h:notaport/db', /cannot be parsed/],
  ])('rejects %j naming storage.url and the forms', (url, reason) => {
    const error = (() => {
      try {
        parseStorageUrl(url);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('config_error');
    expect(error.context.field).toBe('storage.url');
    expect(error.message).toMatch(reason);
    expect(error.message).toContain('storage.url');
    expect(error.message).toContain(
      'sqlite:relative/path.db, sqlite:///absolute/path.db, sqlite::memory: or postgres://user:pass@host:port/db',
    );
  });

  it.each([
    `postgres://roomops:${SECRET}@h/a/b`,
    `postgres://roomops:${SECRET}@:5432/`,
    `postgres://roomops:${SECRET}@h:99999/db`,
    `postgres://roomops:${SECRET}/x@h/db`,
    `postgres://roomops:${SECRET}`,
    `postgresql://roomops:${SECRET}@h`,
    `postgres://roomops:p@${SECRET}@h`,
    `mysql://roomops:${SECRET}@h/db`,
    `redis://:${SECRET}@h`,
    SECRET,
  ])('never shows the password of %j in the error', (url) => {
    let message = '';
    try {
      parseStorageUrl(url);
      message = 'accepted';
    } catch (e) {
      message = `${(e as Error).message} ${JSON.stringify(e)}`;
    }
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('accepted');
  });

  it('redacts passwords for logs and keeps the rest', () => {
    expect(redactUrl(`postgres://roomops:${SECRET}@db:5432/roomops`)).toBe(
      'postgres://roomops:***@db:5432/roomops',
    );
    expect(redactUrl(`postgres://roomops:p%40ss${SECRET}@db/roomops?sslmode=require`)).toBe(
      'postgres://roomops:***@db/roomops?sslmode=require',
    );
    expect(redactUrl(`postgres://roomops@db/roomops?password=${SECRET}&sslmode=require`)).toBe(
      'postgres://roomops@db/roomops?password=***&sslmode=require',
    );
    expect(redactUrl('postgres://db/roomops')).toBe('postgres://db/roomops');
    expect(redactUrl('sqlite:data/roomops.db')).toBe('sqlite:data/roomops.db');
    expect(redactUrl('sqlite:///var/lib/r.db')).toBe('sqlite:///var/lib/r.db');
    expect(redactUrl(`postgres://u:${SECRET}/x@h/db`)).not.toContain(SECRET);
  });

  // Unencoded passwords the WHATWG parser misreads: `alice:123#…` is host alice, port 123.
  const MISREAD = ['123#Secret', '123/Secret', '123?Secret', '123@Secret', '9#a/b?c@d'];

  it.each(MISREAD)('hides the password %j however the URL parser would read it', (password) => {
    for (const url of [
      `postgres://alice:${password}@db.internal/roomops`,
      `postgresql://alice:${password}@db.internal:5432/roomops?sslmode=require`,
      `postgres://alice:${password}@db.internal`,
    ]) {
      const shown = redactUrl(url);
      expect(shown).not.toContain(password);
      expect(shown).not.toContain('Secret');
      expect(shown.startsWith(url.split(':')[0] + '://alice:***@db.internal')).toBe(true);
    }
    // Every one is refused (no database named, or unencoded), and the error hides it.
    for (const url of [`postgres://alice:${password}@db.internal`, `postgres://alice:${password}@h:1/d/e`]) {
      let message = '';
      try {
        parseStorageUrl(url);
        message = 'accepted';
      } catch (e) {
        message = `${(e as Error).message} ${JSON.stringify(e)}`;
      }
      expect(message).toContain('storage.url');
      expect(message).not.toContain(password);
      expect(message).not.toContain('accepted');
    }
  });

  it('refuses an unencoded password instead of connecting to the wrong host', () => {
    expect(() => parseStorageUrl('postgres://alice:123#Secret@db.internal/roomops')).toThrow(
      /not percent-encoded.*# %23/,
    );
    // Encoded, the same password is fine, and an unencoded @ is read as people mean it.
    expect(parseStorageUrl('postgres://alice:123%23Secret@db.internal/roomops').kind).toBe('postgres');
    expect(parseStorageUrl('postgres://alice:p@ss@db.internal/roomops').kind).toBe('postgres');
  });

  it('scrubs every spelling of the password from a driver message', () => {
    const url = 'postgres://alice:123%23Se%2Fcret@127.0.0.1/roomops?sslpassword=k3y';
    const text = 'auth failed for alice with 123#Se/cret (given as 123%23Se%2Fcret); sslpassword k3y';
    const scrubbed = scrubPasswords(text, url);
    expect(scrubbed).not.toMatch(/Se\/cret|Se%2Fcret|k3y/);
    expect(scrubbed).toContain('alice');
  });

  it('names storage.url, without the password, when the database cannot be reached', async () => {
    // Port 9 on 127.0.0.1 (discard) has nothing listening: refused at once.
    const error = (await openStore(`postgres://roomops:${SECRET}@127.0.0.1:9/roomops`).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain('storage.url postgres://roomops:***@127.0.0.1:9/roomops');
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    // The driver's words are the cause (for the log), not the message.
    expect(String((error.cause as Error).message)).toMatch(/ECONNREFUSED/);
    expect(error.message).toBe(
      'Could not open the store at storage.url postgres://roomops:***@127.0.0.1:9/roomops (ECONNREFUSED).',
    );
  });

  it.each(MISREAD.map((p) => encodeURIComponent(p)))(
    'keeps the encoded password %j out of a connection failure',
    async (password) => {
      const url = `postgres://alice:${password}@127.0.0.1:9/roomops`;
      const error = (await openStore(url).catch((e: unknown) => e)) as Error;
      const text = `${error.message} ${JSON.stringify(error)}`;
      expect(text).toContain('postgres://alice:***@127.0.0.1:9/roomops');
      const cause = String((error.cause as Error).message);
      for (const secret of [password, decodeURIComponent(password)]) {
        expect(text).not.toContain(secret);
        expect(cause).not.toContain(secret);
      }
    },
  );
});
