/**
 * Storage URLs (DESIGN.md "Storage"): which database the store opens, from
 * `ROOMOPS_DATABASE_URL`, else `storage.url`, else `sqlite:data/roomops.db`.
 *
 *   sqlite:relative/path.db        relative to the current directory
 *   sqlite:///absolute/path.db     (`sqlite:/absolute/path.db` is read the same)
 *   sqlite::memory:                a private in-memory database (tests)
 *   postgres://user:pass@host:port/db   (also postgresql://; query parameters
 *                                  such as `sslmode` go to node-postgres)
 *
 * A password never appears in an error message or a log line: errors quote
 * the URL only in its redacted form, and not at all when it cannot be parsed
 * well enough to know where the password is.
 */
import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../shared/coded-error.js';
import { redactUrl, splitCredentials } from './url-credentials.js';

export { passwordsIn, redactUrl, scrubPasswords } from './url-credentials.js';

export const DEFAULT_STORAGE_URL = 'sqlite:data/roomops.db';

export const STORAGE_URL_FORMS =
  'sqlite:relative/path.db, sqlite:///absolute/path.db, sqlite::memory: or postgres://user:pass@host:port/db';

export type StorageTarget =
  /** `file` is an absolute path, or `:memory:`. */
  | { kind: 'sqlite'; file: string }
  /** `url` as given: node-postgres parses it. */
  | { kind: 'postgres'; url: string };

/** `ROOMOPS_DATABASE_URL`, else `storage.url` from the config, else the default. */
export function resolveStorageUrl(
  env: Readonly<Record<string, string | undefined>>,
  configUrl?: string,
): string {
  const fromEnv = env.ROOMOPS_DATABASE_URL?.trim();
  if (fromEnv) return fromEnv;
  const fromConfig = configUrl?.trim();
  if (fromConfig) return fromConfig;
  return DEFAULT_STORAGE_URL;
}

const POSTGRES_SCHEME = /^postgres(?:ql)?:\/\//i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ENCODE_HINT =
  'percent-encode special characters in the user name and password (# %23, / %2F, ? %3F, @ %40)';

function malformed(reason: string, shown: string | undefined): ConfigError {
  const got = shown === undefined ? '' : ` (got "${shown}")`;
  return new ConfigError(
    `storage.url is not a storage URL: ${reason}${got}. Expected ${STORAGE_URL_FORMS}.`,
    {
      field: 'storage.url',
      expected: STORAGE_URL_FORMS,
    },
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What an error may show of a URL that failed to parse: its scheme only. */
function schemeOnly(url: string): string | undefined {
  const m = SCHEME.exec(url);
  return m ? `${m[1]}:…` : undefined;
}

/**
 * Reads a storage URL. Relative SQLite paths resolve against `cwd`. Throws a
 * `ConfigError` (field `storage.url`) naming the accepted forms.
 */
export function parseStorageUrl(input: string, cwd: string = process.cwd()): StorageTarget {
  const url = input.trim();
  if (/^sqlite:/i.test(url)) {
    const rest = url.slice('sqlite:'.length);
    if (rest === ':memory:') return { kind: 'sqlite', file: ':memory:' };
    let path: string;
    if (rest.startsWith('///')) path = rest.slice(2);
    else if (rest.startsWith('//')) {
      throw malformed(
        'a SQLite URL has no host: use three slashes for an absolute path or none for a relative one',
        url,
      );
    } else path = rest;
    if (path === '' || path === '/') throw malformed('the SQLite file path is empty', url);
    if (path.endsWith('/')) throw malformed('the SQLite path names a directory, not a file', url);
    if (/[?#\0]/.test(path)) throw malformed('a SQLite URL takes no query or fragment', url);
    return { kind: 'sqlite', file: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (POSTGRES_SCHEME.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw malformed(`the PostgreSQL URL cannot be parsed (${ENCODE_HINT})`, schemeOnly(url));
    }
    const shown = redactUrl(url);
    // A raw # / ? in the password makes the parser end the user information
    // early (`alice:123#Secret@host` reads as host alice, port 123): refuse
    // rather than connect somewhere else with half a password.
    const written = splitCredentials(url);
    const same = (a: string, b: string) => safeDecode(a) === safeDecode(b);
    if (
      written !== undefined &&
      (!same(written.user, parsed.username) || !same(written.password ?? '', parsed.password))
    ) {
      throw malformed(`the user name or password is not percent-encoded (${ENCODE_HINT})`, shown);
    }
    const hostParam = parsed.searchParams.get('host');
    if (parsed.hostname === '' && !hostParam) throw malformed('the PostgreSQL URL names no host', shown);
    const db = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (db === '' || db.includes('/'))
      throw malformed('the PostgreSQL URL must name one database (/db)', shown);
    return { kind: 'postgres', url };
  }
  const scheme = SCHEME.exec(url)?.[1];
  throw malformed(scheme ? `unknown scheme "${scheme}:"` : 'no scheme', scheme ? schemeOnly(url) : undefined);
}
