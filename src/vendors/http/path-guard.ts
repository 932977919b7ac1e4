/**
 * Defence in depth behind the id checks: a request is sent only when its path
 * reaches the server exactly as the client built it. A URL parser, a proxy or
 * the vendor resolves `.` and `..` (also written `%2e`), turns `\` into `/`
 * and ends the path at `?` or `#`; any of those in a built path means some
 * input slipped past validation and the request would reach another resource
 * (`DELETE …/chatrooms/42/users/..` is `DELETE …/chatrooms/42/`).
 */

import { InputError } from '../../shared/coded-error.js';

/** The refusal: an input error (exit 2), raised before anything is sent. */
export class UnsafePathError extends InputError {
  override readonly name: string = 'UnsafePathError';
  constructor(
    readonly operation: string,
    readonly built: string,
    readonly normalised: string,
  ) {
    super(
      `Refused to send ${operation}: an id in the request path would change it from ${built} to ${normalised}. ` +
        'Ids may not be dots only or contain / \\ ? # %, whitespace or control characters.',
      { field: 'id' },
    );
  }
}

/**
 * Paths a WHATWG parser leaves exactly as they are: only characters it never
 * encodes or rewrites, and no segment that starts like a dot segment (`.`,
 * `..`, `%2e` …). Checked first because it costs a tenth of parsing a URL;
 * anything else gets the full comparison below.
 */
const PLAINLY_STABLE = /^(?:\/(?!\.|%2e)[\w\-.~!$&'()*+,;=:@%]*)+$/i;

/**
 * Throws UnsafePathError when `path` (as built, before the query, which
 * URLSearchParams encodes) would be normalised into another path by a WHATWG
 * URL parser, as proxies and servers do: dot segments resolved, `\` read as
 * `/`, the path cut at `?` or `#`. `redact` masks any credential in the message.
 */
export function assertPathUnchanged(
  origin: string,
  path: string,
  operation: string,
  redact: (text: string) => string,
): void {
  if (PLAINLY_STABLE.test(path)) return;
  let normalised: string;
  try {
    normalised = new URL(origin + path).pathname;
  } catch {
    normalised = '(not a URL)';
  }
  if (normalised !== path) throw new UnsafePathError(operation, redact(path), redact(normalised));
}
