/**
 * Reading request fields the loose way the real server accepts them: JSON,
 * urlencoded or multipart, scalars as strings (or JSON numbers), and arrays as
 * JSON arrays, repeated keys (`room_id=2&room_id=4`), `room_id[]=` or PHP-style
 * `room_id[0]=` keys (shared/vendors/iflychat.md §2.8).
 */
export type Body = Record<string, unknown>;

/** A scalar field as a string; numbers and booleans are accepted and stringified. */
export function readString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return undefined;
}

/** A field that may be one value or a list, in any of the accepted spellings. */
export function readList(body: Body, key: string): string[] | undefined {
  const out: string[] = [];
  const push = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(push);
    else if (typeof value === 'string' && value !== '') out.push(value);
    else if (typeof value === 'number' && Number.isFinite(value)) out.push(String(value));
  };
  push(body[key]);
  push(body[`${key}[]`]);
  const indexed = Object.keys(body)
    .map((k) => ({ k, m: new RegExp(`^${escapeRegExp(key)}\\[(\\d+)\\]$`).exec(k) }))
    .filter((e): e is { k: string; m: RegExpExecArray } => e.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]));
  for (const { k } of indexed) push(body[k]);
  return out.length > 0 ? out : undefined;
}

export type FlagResult = { ok: true; value: '0' | '1' } | { ok: false; error: string };

/** A `"0"`/`"1"` flag; the docs send strings, a JSON number or boolean is tolerated. */
export function readFlag(body: Body, key: string, fallback: '0' | '1'): FlagResult {
  if (body[key] === undefined || body[key] === '') return { ok: true, value: fallback };
  const raw = readString(body, key);
  if (raw === '0' || raw === '1') return { ok: true, value: raw };
  return { ok: false, error: `${key} must be "0" or "1"` };
}

/** A non-negative whole number written in decimal, or undefined. */
export function parseWhole(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/** A signed whole number (timezone offsets), or undefined. */
export function parseSigned(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^-?\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
