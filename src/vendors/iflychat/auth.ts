/**
 * iFlyChat authenticates with one secret, the site's private `api_key`, sent in
 * the request **body** of every call — no header, never the URL
 * (shared/vendors/iflychat.md §1 "Authentication"). The body goes out as JSON,
 * the encoding the docs use; the HTTP layer redacts the key in dry-run output.
 */
import type { RequestBody } from '../http/types.js';

export function authedBody(apiKey: string, fields: Record<string, string | string[]> = {}): RequestBody {
  return { kind: 'json', value: { api_key: apiKey, ...fields } };
}
