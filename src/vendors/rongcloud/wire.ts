/**
 * RongCloud's wire encoding: every endpoint takes an
 * `application/x-www-form-urlencoded` body (shared/vendors/rongcloud.md §1):
 * lists as the same key repeated (`chatroomId=a&chatroomId=b`), booleans as
 * `true`/`false`, numbers as decimals, JSON-valued fields (`entryInfo`,
 * `extra`) as a JSON string inside the field.
 */
export type FormPairs = Array<readonly [string, string]>;

/** Encodes one field into form pairs; undefined/null fields are left out. */
export function fieldPairs(key: string, value: unknown): FormPairs {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => fieldPairs(key, item));
  return [[key, scalar(value)]];
}

/** Encodes a record of fields in key order; see fieldPairs. */
export function formPairs(fields: Record<string, unknown>): FormPairs {
  return Object.entries(fields).flatMap(([key, value]) => fieldPairs(key, value));
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  // No RongCloud chatroom field is a time; should one arrive, milliseconds is the API's unit (`createTime`).
  if (value instanceof Date) return String(value.getTime());
  return JSON.stringify(value);
}

/** The encoded body, as it goes on the wire. */
export function encodeForm(pairs: ReadonlyArray<readonly [string, string]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of pairs) params.append(key, value);
  return params.toString();
}
