/**
 * Agora Chat client (Easemob REST platform), chat rooms part
 * (shared/vendors/agora.md). Every path is under `/{orgName}/{appName}`,
 * every call carries `Authorization: Bearer <app token>`, bodies are JSON,
 * answers carry their payload in `data`.
 */
import type { AgoraAccount } from '../account.js';
import { VendorClientBase } from '../client-base.js';
import { isVendorError, VendorError } from '../errors.js';
import { vendorClassifier } from '../http/classify.js';
import { vendorHttpFor } from '../http/for-account.js';
import type { VendorClientOptions, VendorHttpApi } from '../http/types.js';
import { settleEach } from '../settle.js';
import type {
  Announcement,
  ItemOutcome,
  KickResult,
  Member,
  Page,
  PageRequest,
  Room,
  Settings,
  VendorClient,
} from '../types.js';
import { AgoraAppToken, type AppTokenOptions } from './auth.js';
import { readAgoraReply } from './errors.js';
import { AgoraMembers, type AgoraSend } from './members.js';
import * as schema from './schemas.js';
import { agoraStandIn } from './stand-in.js';
import {
  appPrefix,
  chunk,
  createBody,
  joinPathList,
  MAX_DETAIL_IDS,
  MAX_LIST_LIMIT,
  toRoom,
  unique,
  updateBody,
} from './wire.js';

export interface AgoraClientOptions extends VendorClientOptions {
  /** Lifetime and renewal of app tokens built from appId + appCertificate. */
  token?: AppTokenOptions;
}

export function createAgoraClient(
  account: AgoraAccount,
  accountName: string,
  options: AgoraClientOptions = {},
): VendorClient {
  const token = new AgoraAppToken(account, options.token);
  // Agora has no default host: the account schema requires baseUrl.
  const http = vendorHttpFor('agora', account, accountName, options, {
    authorize: () => token.header(),
    classify: vendorClassifier('agora', readAgoraReply),
    standIn: agoraStandIn,
  });
  return new AgoraClient(http, account);
}

class AgoraClient extends VendorClientBase {
  private readonly prefix: string;
  private readonly members: AgoraMembers;

  constructor(
    private readonly http: VendorHttpApi,
    private readonly account: AgoraAccount,
  ) {
    super('agora');
    this.prefix = appPrefix(account.orgName, account.appName);
    this.members = new AgoraMembers(this.send);
  }

  private readonly send: AgoraSend = async (spec, replySchema) => {
    const { data } = await this.http.call({ ...spec, path: this.prefix + spec.path }, replySchema);
    return data;
  };

  override async ping(): Promise<void> {
    await this.send(
      {
        method: 'GET',
        path: '/chatrooms',
        query: { limit: 1 },
        idempotent: true,
        operation: 'chatrooms/list',
      },
      schema.listReply,
    );
  }

  override async createRoom(name: string, settings: Settings): Promise<Room> {
    const body = createBody(name, settings, this.account.defaultOwner);
    const reply = await this.send(
      // A create makes a new room each time: never retried after a timeout or 5xx.
      {
        method: 'POST',
        path: '/chatrooms',
        body: { kind: 'json', value: body },
        idempotent: false,
        operation: 'chatrooms/create',
      },
      schema.createReply,
    );
    return toRoom({ ...body, id: reply.data.id });
  }

  override async listRooms(page: PageRequest): Promise<Page<Room>> {
    const limit =
      page.limit === undefined ? undefined : Math.min(Math.max(1, Math.floor(page.limit)), MAX_LIST_LIMIT);
    const reply = await this.send(
      {
        method: 'GET',
        path: '/chatrooms',
        query: { limit, cursor: page.cursor || undefined },
        idempotent: true,
        operation: 'chatrooms/list',
      },
      schema.listReply,
    );
    return { items: reply.data.map(toRoom), ...(reply.cursor ? { cursor: reply.cursor } : {}) };
  }

  override async getRooms(ids: readonly string[]): Promise<ItemOutcome<Room>[]> {
    const wanted = unique(ids);
    const outcomes = new Map<string, ItemOutcome<Room>>();
    const groups = chunk(wanted, MAX_DETAIL_IDS);
    await settleEach(
      groups.map((_, i) => String(i)),
      async (index) => {
        const group = groups[Number(index)]!;
        try {
          const found = await this.details(group);
          for (const id of group) {
            const room = found.get(id);
            outcomes.set(
              id,
              room ? { id, ok: true, value: room } : { id, ok: false, error: roomNotFound(id) },
            );
          }
        } catch (error) {
          if (!isVendorError(error)) throw error;
          if (error.code === 'vendor_not_found' && group.length > 1) {
            // Whether the vendor answers 404 when only some ids are unknown is
            // unconfirmed (agora.md §2.4): ask one by one to tell which exist.
            for (const outcome of await settleEach(group, (id) => this.oneRoom(id)))
              outcomes.set(outcome.id, outcome);
            return;
          }
          for (const id of group) outcomes.set(id, { id, ok: false, error });
        }
      },
    );
    return wanted.map((id) => outcomes.get(id)!);
  }

  /** `check`: the read only checks around a change (the room as it is after one). */
  private async details(ids: readonly string[], { check = false } = {}): Promise<Map<string, Room>> {
    const reply = await this.send(
      {
        method: 'GET',
        path: `/chatrooms/${joinPathList(ids)}`,
        idempotent: true,
        operation: 'chatrooms/details',
        ...(check ? { check } : {}),
      },
      schema.detailsReply,
    );
    return new Map(reply.data.map((raw) => [raw.id, toRoom(raw)] as const));
  }

  private async oneRoom(id: string, options: { check?: boolean } = {}): Promise<Room> {
    const room = (await this.details([id], options)).get(id);
    if (!room) throw roomNotFound(id);
    return room;
  }

  /**
   * After a change, the room as the vendor now reports it; if that read fails
   * the change still happened, so the room as known after the change is returned.
   */
  private async roomAfterChange(id: string, known: Record<string, unknown>): Promise<Room> {
    try {
      return { ...known, ...(await this.oneRoom(id, { check: true })) };
    } catch (error) {
      if (!isVendorError(error)) throw error;
      return toRoom({ ...known, id });
    }
  }

  override async updateRoom(id: string, settings: Settings): Promise<Room> {
    const body = updateBody(settings);
    const reply = await this.send(
      // PUT sets fields to given values: sending it twice cannot act twice.
      {
        method: 'PUT',
        path: `/chatrooms/${encodeURIComponent(id)}`,
        body: { kind: 'json', value: body },
        idempotent: true,
        operation: 'chatrooms/modify',
      },
      schema.modifyReply,
    );
    return this.roomAfterChange(id, { id, ...body, ...(reply.data ? { updated: reply.data } : {}) });
  }

  override async deleteRooms(ids: readonly string[]): Promise<ItemOutcome<true>[]> {
    return settleEach(unique(ids), async (id) => {
      await this.send(
        // Not retried after a timeout: a repeat would answer "not found" for a room it did delete.
        {
          method: 'DELETE',
          path: `/chatrooms/${encodeURIComponent(id)}`,
          idempotent: false,
          operation: 'chatrooms/delete',
        },
        schema.acknowledgement,
      );
      return true as const;
    });
  }

  override async setMuteAll(id: string, on: boolean): Promise<Room> {
    await this.send(
      {
        method: on ? 'POST' : 'DELETE',
        path: `/chatrooms/${encodeURIComponent(id)}/ban`,
        // Setting a flag to a value: safe to repeat.
        idempotent: true,
        operation: on ? 'chatrooms/mute-all' : 'chatrooms/unmute-all',
      },
      schema.acknowledgement,
    );
    // The reply's flag is only an acknowledgement (`mute: true` even for unmute), so the state is what was asked.
    return this.roomAfterChange(id, { id, mute: on });
  }

  /** Room details carry the mute-all flag `mute` on some rooms only (agora.md §2.4); without it Agora has not said. */
  override async getMuteAll(ids: readonly string[]): Promise<ItemOutcome<boolean | undefined>[]> {
    return (await this.getRooms(ids)).map((outcome) =>
      outcome.ok
        ? {
            id: outcome.id,
            ok: true,
            value: typeof outcome.value.mute === 'boolean' ? outcome.value.mute : undefined,
          }
        : outcome,
    );
  }

  override async getAnnouncement(id: string): Promise<Announcement> {
    const reply = await this.send(
      {
        method: 'GET',
        path: `/chatrooms/${encodeURIComponent(id)}/announcement`,
        idempotent: true,
        operation: 'chatrooms/announcement',
      },
      schema.announcementReply,
    );
    const text = reply.data.announcement;
    return { room: id, text: text === '' ? null : text };
  }

  override async setAnnouncement(id: string, text: string): Promise<Announcement> {
    await this.send(
      {
        // POST with a JSON body; the seed's GET example without a body is wrong (agora.md §6).
        method: 'POST',
        path: `/chatrooms/${encodeURIComponent(id)}/announcement`,
        body: { kind: 'json', value: { announcement: text } },
        idempotent: true,
        operation: 'chatrooms/announcement.set',
      },
      schema.acknowledgement,
    );
    return { room: id, text };
  }

  override listMembers(id: string, page: PageRequest): Promise<Page<Member>> {
    return this.members.list(id, page);
  }

  override addMembers(id: string, users: readonly string[]): Promise<ItemOutcome<true>[]> {
    return this.members.add(id, users);
  }

  override removeMembers(id: string, users: readonly string[]): Promise<ItemOutcome<true>[]> {
    return this.members.remove(id, users);
  }

  override async kick(id: string, user: string, _settings: Settings): Promise<KickResult> {
    // Agora's kick is removing the member; banning too would be the blocklist endpoints.
    await this.members.removeOne(id, user);
    return { room: id, user };
  }

  override close(): Promise<void> {
    return this.http.close();
  }
}

function roomNotFound(id: string): VendorError {
  return new VendorError('vendor_not_found', `agora chatrooms/details: no chat room ${id}`, {
    operation: 'chatrooms/details',
  });
}
