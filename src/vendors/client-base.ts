/**
 * What every vendor client shares: its name, its capabilities (taken from the
 * one matrix, so help, Discord registration and the client cannot disagree),
 * and a refusal for each operation. A client overrides only the operations
 * its vendor supports; everything else rejects with UnsupportedOperationError
 * naming what the vendor does support.
 */
import { VENDOR_CAPABILITIES, VENDOR_TRAITS } from './capabilities.js';
import { UnsupportedOperationError } from './errors.js';
import type {
  Announcement,
  CreateKey,
  HistoryMessage,
  HistoryRequest,
  ItemOutcome,
  KickResult,
  Member,
  Operation,
  Page,
  PageRequest,
  Room,
  RoomStatus,
  Settings,
  VendorClient,
  VendorName,
  VendorTraits,
} from './types.js';

export abstract class VendorClientBase implements VendorClient {
  readonly capabilities: ReadonlySet<Operation>;
  readonly traits: VendorTraits;
  readonly createKey: CreateKey;

  constructor(readonly vendor: VendorName) {
    this.capabilities = VENDOR_CAPABILITIES[vendor];
    this.traits = VENDOR_TRAITS[vendor];
    this.createKey = this.traits.createKey;
  }

  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;

  // The defaults are async so a refusal is a rejected promise, like any other failure.
  async createRoom(_key: string, _settings: Settings): Promise<Room> {
    return this.unsupported('create');
  }
  async listRooms(_page: PageRequest): Promise<Page<Room>> {
    return this.unsupported('list');
  }
  async getRooms(_ids: readonly string[]): Promise<ItemOutcome<Room>[]> {
    return this.unsupported('info');
  }
  async updateRoom(_id: string, _settings: Settings): Promise<Room> {
    return this.unsupported('update');
  }
  async deleteRooms(_ids: readonly string[]): Promise<ItemOutcome<true>[]> {
    return this.unsupported('delete');
  }
  async setStatus(_id: string, _status: RoomStatus): Promise<Room> {
    return this.unsupported('status');
  }
  async setVoice(_id: string, _on: boolean): Promise<Room> {
    return this.unsupported('voice');
  }
  async setMuteAll(_id: string, _on: boolean): Promise<Room> {
    return this.unsupported('mute');
  }
  async getMuteAll(_ids: readonly string[]): Promise<ItemOutcome<boolean | undefined>[]> {
    return this.unsupported('mute');
  }
  async setKeepAlive(_id: string, _on: boolean): Promise<Room> {
    return this.unsupported('keepalive');
  }
  async getAnnouncement(_id: string): Promise<Announcement> {
    return this.unsupported('announce.read');
  }
  async setAnnouncement(_id: string, _text: string): Promise<Announcement> {
    return this.unsupported('announce.write');
  }
  async listMembers(_id: string, _page: PageRequest): Promise<Page<Member>> {
    return this.unsupported('members.list');
  }
  async addMembers(_id: string, _users: readonly string[]): Promise<ItemOutcome<true>[]> {
    return this.unsupported('members.add');
  }
  async removeMembers(_id: string, _users: readonly string[]): Promise<ItemOutcome<true>[]> {
    return this.unsupported('members.remove');
  }
  async kick(_id: string, _user: string, _settings: Settings): Promise<KickResult> {
    return this.unsupported('kick');
  }
  async history(_id: string, _request: HistoryRequest): Promise<HistoryMessage[]> {
    return this.unsupported('history');
  }

  private unsupported(operation: Operation): never {
    throw new UnsupportedOperationError(this.vendor, operation, [...this.capabilities]);
  }
}
