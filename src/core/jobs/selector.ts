/**
 * Bulk selectors (DESIGN.md "Bulk"): `match=<glob on id or name>`,
 * `empty=true`, `older=<duration>`, combinable. They stand in for the room
 * positional of any action that takes rooms.
 */
import { RoomOpsError } from '../errors.js';
import { booleanValue } from '../parse/index.js';
import type { RawInvocation } from '../types.js';
import { DURATION_EXPECTED, parseDuration } from './duration.js';

export const SELECTOR_KEYS = ['match', 'empty', 'older'] as const;

export interface Selector {
  match?: string;
  empty?: boolean;
  /** Created before now − this many ms. */
  olderMs?: number;
  /** `older=` as typed, for messages. */
  olderText?: string;
}

/** Globs are short patterns, not documents: bound them so the regex stays cheap. */
const MAX_GLOB = 128;

export function hasSelector(raw: RawInvocation): boolean {
  return SELECTOR_KEYS.some((key) => key in raw.options);
}

/** Takes the selector keys out of the invocation: the selector, and the invocation without them. */
export function splitSelector(
  raw: RawInvocation,
  usage: string,
): { selector: Selector; rest: RawInvocation } {
  const options = { ...raw.options };
  const selector: Selector = {};
  const fail = (field: string, message: string) =>
    new RoomOpsError('invalid_input', `${field}: ${message}`, { field, usage });
  if (options.match !== undefined) {
    const glob = options.match.trim();
    if (glob === '' || glob.length > MAX_GLOB)
      throw fail(
        'match',
        `expected a pattern of 1 to ${MAX_GLOB} characters, e.g. test-* (* any text, ? one character)`,
      );
    selector.match = glob;
  }
  if (options.empty !== undefined) {
    const parsed = booleanValue.safeParse(options.empty);
    if (!parsed.success) throw fail('empty', 'expected true (rooms with no members) or false');
    selector.empty = parsed.data;
  }
  if (options.older !== undefined) {
    const ms = parseDuration(options.older);
    if (ms === undefined) throw fail('older', DURATION_EXPECTED);
    selector.olderMs = ms;
    selector.olderText = options.older.trim();
  }
  for (const key of SELECTOR_KEYS) delete options[key];
  return { selector, rest: { ...raw, options } };
}

/** `test-*` → /^test-.*$/ (case-sensitive, like room ids). */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

export function describeSelector(selector: Selector): string {
  const parts: string[] = [];
  if (selector.match !== undefined) parts.push(`match=${selector.match}`);
  if (selector.empty !== undefined) parts.push(`empty=${selector.empty}`);
  if (selector.olderText !== undefined) parts.push(`older=${selector.olderText}`);
  return parts.join(', ');
}
