/**
 * Agora Chat's wire encodings: paths under `/{org}/{app}`, comma-joined id and
 * username lists in one path segment (`%2C`, agora.md §2.4, §3), request
 * bodies built from RoomOps settings, and the members cursor (Agora pages
 * members by page number; RoomOps hands out the next page number as cursor).
 */
import type { Member, Room, Settings } from '../types.js';

/** Details take at most 100 ids per request (agora.md §2.4). */
export const MAX_DETAIL_IDS = 100;
/** Batch add allows 60; batch remove 100 per Agora but 60 per Easemob: use the smaller (agora.md §3). */
export const MAX_MEMBER_BATCH = 60;
/** List limit 1–100 per Agora (agora.md §2.2). */
export const MAX_LIST_LIMIT = 100;
/** Member pagesize at most 1000 (agora.md §3). */
export const MAX_MEMBER_PAGESIZE = 1000;

export function appPrefix(orgName: string, appName: string): string {
  return `/${encodeURIComponent(orgName)}/${encodeURIComponent(appName)}`;
}

/**
 * Several ids or usernames in one path segment, each encoded, joined by an
 * encoded comma. The vendor splits on the comma after decoding, so an item can
 * never contain one — nor can any valid one: ids are digits, usernames `a-z0-9_-.`.
 */
export function joinPathList(items: readonly string[]): string {
  return items.map((item) => encodeURIComponent(item)).join('%2C');
}

export function splitPathList(segment: string): string[] {
  return segment.split(/%2C/i).map((item) => decodeURIComponent(item));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

const asInt = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
};

const asList = (value: unknown): string[] | undefined => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return undefined;
};

/**
 * Create body (agora.md §2.1): `name`, `description` (the name when not given,
 * DESIGN.md "create"), `owner` (required; the command layer fills it from
 * defaultOwner), optional `maxusers`, `members` (left out when empty: the vendor
 * wants at least one when present), `custom`.
 */
export function createBody(name: string, settings: Settings, defaultOwner?: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name,
    description:
      typeof settings.description === 'string' && settings.description !== '' ? settings.description : name,
  };
  const owner = typeof settings.owner === 'string' && settings.owner !== '' ? settings.owner : defaultOwner;
  if (owner !== undefined) body.owner = owner;
  const maxusers = asInt(settings.maxusers);
  if (maxusers !== undefined) body.maxusers = maxusers;
  const members = asList(settings.members)?.filter((m) => m !== owner);
  if (members && members.length > 0) body.members = members;
  if (typeof settings.custom === 'string') body.custom = settings.custom;
  return body;
}

/** Modify body: only `name`, `description`, `maxusers` are allowed (agora.md §2.5). */
export function updateBody(settings: Settings): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (typeof settings.name === 'string') body.name = settings.name;
  if (typeof settings.description === 'string') body.description = settings.description;
  const maxusers = asInt(settings.maxusers);
  if (maxusers !== undefined) body.maxusers = maxusers;
  return body;
}

export function encodeMemberCursor(pagenum: number): string {
  return String(pagenum);
}

/** The page number a members cursor stands for, or undefined when it is not one of ours. */
export function decodeMemberCursor(cursor: string): number | undefined {
  if (!/^[1-9]\d{0,8}$/.test(cursor)) return undefined;
  return Number(cursor);
}

/** `{"owner": u}` / `{"member": u}` → a Member with the role kept. */
export function memberFromEntry(entry: Record<string, string>): Member | undefined {
  const [role, user] = Object.entries(entry)[0] ?? [];
  if (role === undefined || user === undefined) return undefined;
  return { id: user, role };
}

/** A room object with its id as a string and the vendor's own fields kept. */
export function toRoom(raw: { id: string } & Record<string, unknown>): Room {
  return { ...raw, id: String(raw.id) };
}
