/**
 * Resolves a selector to the rooms it names, before anything is confirmed
 * (DESIGN.md "Bulk"): from the vendor's list, RongCloud from the inventory
 * (it has no list). A selector needing a fact the vendor does not give
 * (member counts, creation times) is refused naming the field, rather than
 * guessed at.
 */
import type { Store } from '../../store/types.js';
import { VENDOR_LABEL } from '../../vendors/capabilities.js';
import type { Room, VendorClient, VendorName } from '../../vendors/types.js';
import type { AccountRef } from '../command-spec.js';
import { RoomOpsError } from '../errors.js';
import { globToRegExp, type Selector } from './selector.js';

export interface PlannedRoom {
  id: string;
  name?: string;
}

/** A bulk job is bounded: more rooms than this is a selector that needs narrowing. */
export const MAX_PLAN_ROOMS = 10_000;
/** Agora's largest list page (agora.md §2.2). */
const LIST_PAGE = 100;

interface Candidate extends PlannedRoom {
  created?: number;
  members?: number;
}

export async function resolvePlan(
  selector: Selector,
  account: AccountRef,
  client: VendorClient,
  store: Store,
  now: Date,
): Promise<PlannedRoom[]> {
  let rooms = await candidates(account, client, store);
  if (selector.match !== undefined) {
    const pattern = globToRegExp(selector.match);
    rooms = rooms.filter((r) => pattern.test(r.id) || (r.name !== undefined && pattern.test(r.name)));
  }
  if (selector.empty !== undefined) {
    if (rooms.some((r) => r.members === undefined))
      throw missingFact('empty', 'member counts', account.vendor);
    rooms = rooms.filter((r) => (r.members === 0) === selector.empty);
  }
  if (selector.olderMs !== undefined && rooms.length > 0) {
    if (rooms.some((r) => r.created === undefined)) rooms = await withCreationTimes(rooms, account, client);
    const cutoff = now.getTime() - selector.olderMs;
    rooms = rooms.filter((r) => r.created! < cutoff);
  }
  return rooms.map((r) => (r.name !== undefined ? { id: r.id, name: r.name } : { id: r.id }));
}

async function candidates(account: AccountRef, client: VendorClient, store: Store): Promise<Candidate[]> {
  if (account.vendor === 'rongcloud') {
    const known = await store.inventory.list(account.name, { limit: MAX_PLAN_ROOMS + 1 });
    tooMany(known.length);
    return known.map((r) => ({
      id: r.roomId,
      ...(r.name !== undefined ? { name: r.name } : {}),
      created: r.createdAt.getTime(),
    }));
  }
  const rooms: Candidate[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listRooms({ limit: LIST_PAGE, ...(cursor ? { cursor } : {}) });
    rooms.push(...page.items.map((room) => factsOf(account.vendor, room)));
    tooMany(rooms.length);
    cursor = page.cursor;
  } while (cursor);
  return rooms;
}

function factsOf(vendor: VendorName, room: Room): Candidate {
  const out: Candidate = { id: room.id };
  if (typeof room.name === 'string') out.name = room.name;
  const created = createdAt(room);
  if (created !== undefined) out.created = created;
  // Agora counts the owner among `affiliations_count`: a room with only its owner is empty.
  if (vendor === 'agora' && typeof room.affiliations_count === 'number') {
    out.members = Math.max(0, room.affiliations_count - 1);
  }
  return out;
}

function createdAt(room: Room): number | undefined {
  const value = room.created ?? room.createdAt;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  return undefined;
}

/** Agora's list has no creation time; its details do (up to 100 ids a call, batched by the client). */
async function withCreationTimes(
  rooms: Candidate[],
  account: AccountRef,
  client: VendorClient,
): Promise<Candidate[]> {
  if (account.vendor !== 'agora') throw missingFact('older', 'creation times', account.vendor);
  const details = await client.getRooms(rooms.map((r) => r.id));
  const created = new Map<string, number>();
  for (const outcome of details) {
    if (!outcome.ok) continue;
    const ms = createdAt(outcome.value);
    if (ms !== undefined) created.set(outcome.id, ms);
  }
  // A room gone between the list and the details is not in the plan.
  return rooms.filter((r) => created.has(r.id)).map((r) => ({ ...r, created: created.get(r.id)! }));
}

function missingFact(field: string, fact: string, vendor: VendorName): RoomOpsError {
  return new RoomOpsError(
    'invalid_input',
    `${field}: ${VENDOR_LABEL[vendor]}'s room list gives no ${fact}, so ${field}= cannot select rooms there; use match= instead.`,
    { field },
  );
}

function tooMany(count: number): void {
  if (count > MAX_PLAN_ROOMS) {
    throw new RoomOpsError(
      'invalid_input',
      `The selector matches more than ${MAX_PLAN_ROOMS} rooms; narrow it with match=, empty= or older=.`,
      { field: 'match' },
    );
  }
}
