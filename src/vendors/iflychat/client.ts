/**
 * The iFlyChat REST API v1.1 client (shared/vendors/iflychat.md). Every call is
 * a POST under `/api/1.1` with the `api_key` in a JSON body.
 */
import type { z } from 'zod';
import type { IflychatAccount } from '../account.js';
import { VendorClientBase } from '../client-base.js';
import { VendorError } from '../errors.js';
import { vendorClassifier } from '../http/classify.js';
import { vendorHttpFor } from '../http/for-account.js';
import type { RequestSpec, VendorClientOptions, VendorHttpApi } from '../http/types.js';
import { checkPageRequest, pageLocally } from '../local-page.js';
import { settleEach } from '../settle.js';
import type {
  Announcement,
  HistoryMessage,
  HistoryRequest,
  ItemOutcome,
  KickResult,
  Member,
  Page,
  PageRequest,
  Room,
  Settings,
  VendorClient,
} from '../types.js';
import { authedBody } from './auth.js';
import { InputError } from '../../shared/coded-error.js';
import { MissingAnnounceAsError } from '../errors.js';
import { makeReader, requestIdOf } from './errors.js';
import {
  createReply,
  historyReply,
  roomsListReply,
  successReply,
  usersReply,
  type WireRoom,
} from './schemas.js';
import { createFields, type RoomFields, updateFields } from './settings.js';
import { iflychatStandIn, listWithUnknownRoom } from './stand-in.js';
import { toHistoryMessage, toMember, toRoom, toVendorSeconds } from './wire.js';

const PREFIX = '/api/1.1';

/** iFlyChat's kick locks the user out of chat on the whole site for 15 minutes. */
export const KICK_LOCKOUT_MINUTES = 15;

export function createIflychatClient(
  account: IflychatAccount,
  accountName: string,
  options: VendorClientOptions = {},
): VendorClient {
  // No authorize hook: iFlyChat's api_key travels in each JSON body (authedBody).
  const http = vendorHttpFor('iflychat', account, accountName, options, {
    classify: vendorClassifier('iflychat', makeReader(accountName), requestIdOf),
    requestIdOf,
    standIn: iflychatStandIn,
  });
  return new IflychatClient(http, account, accountName);
}

class IflychatClient extends VendorClientBase {
  /** iFlyChat assigns room ids; `create` takes the room name. */

  constructor(
    private readonly http: VendorHttpApi,
    private readonly account: IflychatAccount,
    private readonly accountName: string,
  ) {
    super('iflychat');
  }

  override async ping(): Promise<void> {
    await this.listAll();
  }

  override async createRoom(name: string, settings: Settings): Promise<Room> {
    const fields = createFields(name, settings);
    // Never retried after a timeout or 5xx: each create makes a new room id.
    const { data } = await this.post('room/create', fields, createReply, false);
    return toRoom({ ...fields, room_id: data.room_id });
  }

  override async listRooms(page: PageRequest): Promise<Page<Room>> {
    const request = checkPageRequest(page, 'iFlyChat');
    const rooms = await this.listAll();
    return pageLocally(rooms.map(toRoom), request);
  }

  /** No "get one room" endpoint exists: one `rooms/list` answers every id. */
  override async getRooms(ids: readonly string[]): Promise<ItemOutcome<Room>[]> {
    const rooms = await this.listAll();
    return ids.map((id): ItemOutcome<Room> => {
      const found = rooms.find((r) => String(r.room_id) === id);
      return found ? { id, ok: true, value: toRoom(found) } : { id, ok: false, error: this.notListed(id) };
    });
  }

  /**
   * Edit takes all four room fields and whether omitted ones are kept or reset
   * is unconfirmed (vendor file §2.3), so the current values are read first
   * and sent back with the changes.
   */
  override async updateRoom(id: string, settings: Settings): Promise<Room> {
    const changes = updateFields(settings);
    const current = Object.keys(changes).length < 4 ? await this.findRoom(id) : undefined;
    // The list always names a room but may omit its role or a flag; "0" is their documented default.
    const carried = (field: keyof RoomFields): string => changes[field] ?? current?.[field] ?? '0';
    const fields: Record<keyof RoomFields, string> = {
      room_name: carried('room_name'),
      room_role: carried('room_role'),
      room_private: carried('room_private'),
      room_moderate: carried('room_moderate'),
    };
    // Sending the same four values twice leaves the same room: safe to retry.
    await this.post('room/{id}/edit', fields, successReply, true, id);
    return toRoom({ ...current, ...fields, room_id: current?.room_id ?? Number(id) });
  }

  override async deleteRooms(ids: readonly string[]): Promise<ItemOutcome<true>[]> {
    return settleEach(ids, async (id) => {
      // Not retried after a timeout or 5xx: if the first attempt deleted the
      // room, the retry would answer "room not found" and misreport the outcome.
      await this.post('room/{id}/delete', {}, successReply, false, id);
      return true as const;
    });
  }

  override async setAnnouncement(id: string, text: string): Promise<Announcement> {
    // iFlyChat has no pinned notice: an announcement is a chat message
    // published into the room as the account's announceAs user.
    const as = this.account.announceAs;
    if (!as)
      throw new MissingAnnounceAsError(this.accountName, 'iFlyChat posts announcements as a site user');
    await this.post(
      'room/{id}/publish',
      { uid: as.id, name: as.name, message: text },
      successReply,
      false,
      id,
    );
    return { room: id, text, postedAs: { id: as.id, name: as.name }, pinned: false };
  }

  /** iFlyChat rooms have no member list: these are the users online in the room now. */
  override async listMembers(id: string, page: PageRequest): Promise<Page<Member>> {
    const request = checkPageRequest(page, 'iFlyChat');
    const { data } = await this.post('room/{id}/users', {}, usersReply, true, id);
    return pageLocally(data.users.map(toMember), request);
  }

  /** iFlyChat's kick is site-wide, not per room: the user loses chat for 15 minutes. */
  override async kick(id: string, user: string, settings: Settings): Promise<KickResult> {
    const given = Object.keys(settings).filter((k) => settings[k] !== undefined);
    if (given.length > 0) {
      throw new InputError(
        `iFlyChat's kick takes no settings (the lockout is always ${KICK_LOCKOUT_MINUTES} minutes)`,
        { field: given[0]! },
      );
    }
    // Not retried after a timeout: a second kick would restart the lockout.
    await this.post('user/{id}/kick', {}, successReply, false, user);
    return { room: id, user, siteWide: true, lockoutMinutes: KICK_LOCKOUT_MINUTES };
  }

  override async history(id: string, request: HistoryRequest): Promise<HistoryMessage[]> {
    if (request.limit !== undefined && (!Number.isInteger(request.limit) || request.limit < 1)) {
      throw new InputError(`limit must be a whole number from 1 up, not ${request.limit}`, {
        field: 'limit',
      });
    }
    const fields: Record<string, string> = { room_id: id, timezone_offset: '0' };
    if (request.since) fields.start_timestamp = toVendorSeconds(request.since);
    if (request.until) fields.end_timestamp = toVendorSeconds(request.until);
    if (request.limit !== undefined) fields.limit = String(request.limit);
    // A read sent as POST: safe to retry.
    const { data } = await this.post('threads/get', fields, historyReply, true);
    return data.map(toHistoryMessage);
  }

  override async close(): Promise<void> {
    await this.http.close();
  }

  /** `standIn`: what a dry run assumes the list holds, where the empty list would not do. */
  private async listAll(standIn?: unknown): Promise<WireRoom[]> {
    // A read sent as POST: safe to retry.
    const { data } = await this.post('rooms/list', {}, roomsListReply, true, undefined, standIn);
    return data.rooms;
  }

  /** A dry run cannot read the list, so it assumes the room is there with its values unknown. */
  private async findRoom(id: string): Promise<WireRoom> {
    const found = (await this.listAll(listWithUnknownRoom(id))).find((r) => String(r.room_id) === id);
    if (!found) throw this.notListed(id);
    return found;
  }

  private notListed(id: string): VendorError {
    const why =
      id === '0'
        ? 'room 0 is the built-in public chat room, which rooms/list does not include'
        : `rooms/list has no room ${id}`;
    return new VendorError('vendor_not_found', `iflychat has no room ${id} (${why})`, {
      operation: 'iflychat rooms/list',
    });
  }

  /**
   * `endpoint` is the template (`room/{id}/delete`): it names the operation in
   * errors and metrics, where a room or user id would make labels unbounded.
   */
  private post<S extends z.ZodType>(
    endpoint: string,
    fields: object,
    schema: S,
    idempotent: boolean,
    id?: string,
    standIn?: unknown,
  ) {
    const path = id === undefined ? endpoint : endpoint.replace('{id}', seg(id));
    const spec: RequestSpec = {
      method: 'POST',
      path: `${PREFIX}/${path}`,
      body: authedBody(this.account.apiKey, fields as Record<string, string>),
      idempotent,
      operation: endpoint,
      ...(standIn !== undefined ? { standIn } : {}),
    };
    return this.http.call(spec, schema);
  }
}

/** A room or user id as one path segment. */
const seg = (id: string) => encodeURIComponent(id);
