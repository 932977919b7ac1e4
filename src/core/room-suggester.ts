/**
 * Room ids for autocomplete: the vendor's list where it has one, plus
 * RoomOps' inventory, cached briefly so Discord's autocomplete deadline is met
 * and typing does not hammer the vendor.
 */
import type { Store } from '../store/types.js';
import { VENDOR_CAPABILITIES } from '../vendors/capabilities.js';
import type { ClientPool } from './client-pool.js';
import type { RoomSuggestion } from './engine-api.js';

const TTL_MS = 30_000;

export class RoomSuggester {
  private readonly cache = new Map<string, { at: number; rooms: Promise<RoomSuggestion[]> }>();

  constructor(
    private readonly clients: ClientPool,
    private readonly store: Store,
  ) {}

  async suggest(account: string, typed: string, limit: number): Promise<RoomSuggestion[]> {
    const ref = this.clients.accountMap().get(account);
    if (!ref) return [];
    let entry = this.cache.get(account);
    if (!entry || Date.now() - entry.at > TTL_MS) {
      entry = { at: Date.now(), rooms: this.load(account, ref.vendor) };
      this.cache.set(account, entry);
      // A failed load must not stick for the whole TTL.
      entry.rooms.catch(() => this.cache.delete(account));
    }
    const needle = typed.trim().toLowerCase();
    const rooms = await entry.rooms;
    return rooms
      .filter((r) => !needle || r.id.toLowerCase().includes(needle) || r.name?.toLowerCase().includes(needle))
      .slice(0, limit);
  }

  private async load(account: string, vendor: keyof typeof VENDOR_CAPABILITIES): Promise<RoomSuggestion[]> {
    const seen = new Map<string, RoomSuggestion>();
    if (VENDOR_CAPABILITIES[vendor].has('list')) {
      const page = await (await this.clients.client(account)).listRooms({ limit: 100 });
      for (const r of page.items) seen.set(r.id, { id: r.id, ...(r.name ? { name: r.name } : {}) });
    }
    for (const r of await this.store.inventory.list(account, { limit: 200 })) {
      if (!seen.has(r.roomId)) seen.set(r.roomId, { id: r.roomId, ...(r.name ? { name: r.name } : {}) });
    }
    return [...seen.values()];
  }
}
