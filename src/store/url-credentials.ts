/**
 * Finding and hiding the password in a storage URL without a URL parser.
 *
 * Why not `new URL()`: people paste passwords unencoded, and the WHATWG
 * parser then reads them as something else. `postgres://alice:123#Secret@host/db`
 * parses as host `alice`, port `123` and the fragment `Secret@host/db` — no
 * password at all — so redaction that trusts the parser prints it whole. Here
 * the user information is everything between `://` and the LAST `@`, which is
 * where a person meant it to end. An `@` later in the URL (a query value)
 * makes this hide more than the password, never less.
 */

/** Query parameters that may carry a secret (`?password=…`, `sslpassword`, `sslkey`). */
const SECRET_PARAM = /([?&][^=&#]*(?:pass|secret|token|key)[^=&#]*=)([^&#]*)/gi;

export interface UrlCredentials {
  /** `scheme://` */
  head: string;
  /** The user name as written (may be empty). */
  user: string;
  /** The password as written, percent-encoding and all; undefined when there is no `:` in the user information. */
  password: string | undefined;
  /** Everything after the last `@` (host, port, path, query). */
  rest: string;
}

/** The user information of `scheme://user:password@rest`, or undefined when the URL has none. */
export function splitCredentials(url: string): UrlCredentials | undefined {
  const start = url.indexOf('://');
  if (start < 0) return undefined;
  const afterHead = url.slice(start + 3);
  const at = afterHead.lastIndexOf('@');
  if (at < 0) return undefined;
  const userinfo = afterHead.slice(0, at);
  const colon = userinfo.indexOf(':');
  return {
    head: url.slice(0, start + 3),
    user: colon < 0 ? userinfo : userinfo.slice(0, colon),
    password: colon < 0 ? undefined : userinfo.slice(colon + 1),
    rest: afterHead.slice(at + 1),
  };
}

/**
 * The URL with its password and any password-like query parameter replaced by
 * `***`, for logs and messages.
 */
export function redactUrl(url: string): string {
  const parts = splitCredentials(url);
  if (parts === undefined) return url.replace(SECRET_PARAM, '$1***');
  const user = parts.password === undefined ? parts.user : `${parts.user}:***`;
  return `${parts.head}${user}@${parts.rest.replace(SECRET_PARAM, '$1***')}`;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Every spelling of the URL's secrets (as written and decoded) that could turn up in a driver's message. */
export function passwordsIn(url: string): string[] {
  const found = new Set<string>();
  const password = splitCredentials(url)?.password;
  if (password) {
    found.add(password);
    found.add(decoded(password));
  }
  for (const match of url.matchAll(SECRET_PARAM)) {
    const value = match[2];
    if (value) {
      found.add(value);
      found.add(decoded(value));
    }
  }
  return [...found].filter((secret) => secret.length > 0);
}

/** `text` with every occurrence of the URL's secrets replaced by `***`, longest first. */
export function scrubPasswords(text: string, url: string): string {
  let out = text;
  const secrets = passwordsIn(url).sort((a, b) => b.length - a.length);
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}
