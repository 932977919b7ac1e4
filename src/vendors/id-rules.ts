/**
 * Which ids each vendor accepts, checked before anything is sent. Ids go into
 * URL paths, where `..`, `/`, `\`, `?`, `#` or `%` would change which resource
 * a request reaches (a server or proxy resolves `..`: `…/users/..` is the room
 * itself). So every id must first be safe in a path, then match the vendor's
 * own id rules, kept beside each client in `<vendor>/ids.ts` (facts from
 * shared/vendors/).
 */
import { AGORA_IDS } from './agora/ids.js';
import { IFLYCHAT_IDS } from './iflychat/ids.js';
import { RONGCLOUD_IDS } from './rongcloud/ids.js';
import type { VendorName } from './types.js';
import { WATCHERS_IDS } from './watchers/ids.js';

/** What an id names at the vendor: a room, or a user (member, owner, poster). */
export type IdKind = 'room' | 'user';

export interface IdRule {
  /** What the id is, with its article: `an Agora username`. */
  name: string;
  /** The vendor's own charset and length; applied after the path-safety checks. */
  pattern: RegExp;
  /** The valid form: `1–64 of a-z 0-9 _ - . (lower case), e.g. alice`. */
  expected: string;
}

export type VendorIdRules = Readonly<Record<IdKind, IdRule>>;

export const VENDOR_ID_RULES: Readonly<Record<VendorName, VendorIdRules>> = {
  iflychat: IFLYCHAT_IDS,
  rongcloud: RONGCLOUD_IDS,
  watchers: WATCHERS_IDS,
  agora: AGORA_IDS,
};

/** With no account (so no vendor), only path safety applies. */
const ANY_VENDOR: VendorIdRules = {
  room: { name: 'a room id', pattern: /^.{1,128}$/u, expected: 'at most 128 characters' },
  user: { name: 'a user id', pattern: /^.{1,128}$/u, expected: 'at most 128 characters' },
};

export const idRuleFor = (vendor: VendorName | null, kind: IdKind): IdRule =>
  (vendor ? VENDOR_ID_RULES[vendor] : ANY_VENDOR)[kind];

/** Why `id` could change a URL path, or undefined when it cannot. */
export function pathSafetyProblem(id: string): string | undefined {
  if (id === '') return 'empty';
  if (/^\.+$/.test(id)) return 'dots only';
  if (/[\p{Cc}\p{Cf}]/u.test(id)) return 'a control character';
  if (/\s/u.test(id)) return 'whitespace';
  const reserved = /[/\\?#%]/.exec(id)?.[0];
  if (reserved) return `"${reserved}" is not allowed`;
  return undefined;
}

/**
 * `id` against path safety, then the rule: a sentence naming `subject` (the id
 * quoted, or "the value" where values may not be shown) and the expected form,
 * or undefined when the id is valid.
 */
export function idRuleProblem(rule: IdRule, id: string, subject = quoteId(id)): string | undefined {
  const unsafe = pathSafetyProblem(id);
  if (!unsafe && rule.pattern.test(id)) return undefined;
  return `${subject} is not ${rule.name}${unsafe ? ` (${unsafe})` : ''}; expected ${rule.expected}`;
}

/** One id typed by a person, checked against its vendor's rules (path safety only without a vendor). */
export const idProblem = (vendor: VendorName | null, kind: IdKind, id: string): string | undefined =>
  idRuleProblem(idRuleFor(vendor, kind), id);

/**
 * An id as it may be echoed back: quoted, invisible and control characters
 * shown as \u{…} escapes (no terminal escape or Slack markup rides along), cut
 * after 40 characters.
 */
export function quoteId(id: string): string {
  const chars = [...id];
  const shown = chars
    .slice(0, 40)
    .map((c) => (/[\p{Cc}\p{Cf}\p{Z}]/u.test(c) && c !== ' ' ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c))
    .join('');
  return `"${shown}${chars.length > 40 ? '…' : ''}"`;
}
