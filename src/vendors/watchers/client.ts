/**
 * The Watchers.io client: the external Room API (create, get, speak, status,
 * delete), the premade list, room bans and message posting, behind the one
 * VendorClient interface. Facts: shared/vendors/watchers.md.
 */
import type { WatchersAccount } from '../account.js';
import { VendorClientBase } from '../client-base.js';
import { isVendorError, MissingAnnounceAsError } from '../errors.js';
import { vendorHttpFor } from '../http/for-account.js';
import type { RequestSpec, VendorClientOptions, VendorHttpApi } from '../http/types.js';
import { checkPageRequest, pageLocally } from '../local-page.js';
import { settleEach } from '../settle.js';
import type {
  Announcement,
  ItemOutcome,
  KickResult,
  Page,
  PageRequest,
  Room,
  RoomStatus,
  Settings,
  VendorClient,
} from '../types.js';
import { watchersAuthorizer } from './auth.js';
import { classifyWatchers, watchersRequestId } from './errors.js';
import { anyReply, roomListSchema, sentMessageSchema, wireRoomSchema } from './schemas.js';
import { watchersStandIn } from './stand-in.js';
import { encodeBanBody, encodeCreateBody, PATH, roomPath, toRoom } from './wire.js';

/** A room id nobody creates: `ping` reads it to prove both credentials (see ping). */
const PING_ROOM = 'roomops-ping-probe';

export function createWatchersClient(
  account: WatchersAccount,
  accountName: string,
  options: VendorClientOptions = {},
): VendorClient {
  const http = vendorHttpFor('watchers', account, accountName, options, {
    authorize: watchersAuthorizer(account),
    classify: classifyWatchers,
    requestIdOf: watchersRequestId,
    standIn: watchersStandIn,
  });
  return new WatchersClient(http, account, accountName);
}

const json = (value: unknown): RequestSpec['body'] => ({ kind: 'json', value });

/** vendors/README.md §3: ✔ create, info, delete, status, voice; ◐ list, announce (write), kick. */
class WatchersClient extends VendorClientBase {
  /** Watchers rooms are keyed by the caller's `roomId` (DESIGN.md "create"). */

  constructor(
    private readonly http: VendorHttpApi,
    private readonly account: WatchersAccount,
    private readonly accountName: string,
  ) {
    super('watchers');
  }

  /**
   * The premade list checks only the API key, so ping reads a room that does
   * not exist instead: "Room not found" can only come after the API key and
   * the bearer token were both accepted.
   */
  override async ping(): Promise<void> {
    try {
      await this.readRoom(PING_ROOM);
    } catch (error) {
      if (
        isVendorError(error) &&
        error.code === 'vendor_not_found' &&
        /room not found/i.test(error.details.vendorMessage ?? '')
      ) {
        return;
      }
      throw error;
    }
  }

  override async createRoom(key: string, settings: Settings): Promise<Room> {
    const body = encodeCreateBody(key, settings);
    const { data } = await this.http.call(
      {
        method: 'POST',
        path: PATH.room,
        body: json(body),
        idempotent: false,
        operation: 'external/room (create)',
      },
      anyReply,
    );
    const room = wireRoomSchema.safeParse(data);
    if (room.success) return toRoom(room.data);
    // The create response body is undocumented; when it is not the room, read the room back.
    const { roomId: _, ...known } = body;
    return this.readRoomOrKnown(key, known);
  }

  /** ◐ Emulated: the premade list only holds SOON and LIVE rooms; ENDED/DISABLED ones are reachable by `info`. */
  override async listRooms(page: PageRequest): Promise<Page<Room>> {
    const request = checkPageRequest(page, 'Watchers');
    const { data } = await this.http.call(
      {
        method: 'GET',
        path: PATH.premade,
        query: { apiKey: this.account.apiKey },
        idempotent: true,
        operation: 'room/premade',
      },
      roomListSchema,
    );
    return pageLocally(data.map(toRoom), request);
  }

  override getRooms(ids: readonly string[]): Promise<ItemOutcome<Room>[]> {
    return settleEach(ids, (id) => this.readRoom(id));
  }

  override deleteRooms(ids: readonly string[]): Promise<ItemOutcome<true>[]> {
    return settleEach(ids, async (id) => {
      await this.http.call(
        {
          method: 'DELETE',
          path: roomPath(id),
          // Not retried after a timeout or 5xx: if the first attempt deleted the
          // room, the repeat answers "Room not found" and misreports the outcome.
          idempotent: false,
          operation: 'external/room (delete)',
        },
        anyReply,
      );
      return true as const;
    });
  }

  /** `POST /external/room/status` — the seed's example wrongly posts to /speak (shared/vendors/watchers.md §6). */
  override async setStatus(id: string, status: RoomStatus): Promise<Room> {
    await this.http.call(
      {
        method: 'POST',
        path: PATH.status,
        body: json({ roomId: id, status }),
        idempotent: true,
        operation: 'external/room/status',
      },
      anyReply,
    );
    return this.readRoomOrKnown(id, { status });
  }

  override async setVoice(id: string, on: boolean): Promise<Room> {
    await this.http.call(
      {
        method: 'POST',
        path: PATH.speak,
        body: json({ roomId: id, isSpeak: on }),
        idempotent: true,
        operation: 'external/room/speak',
      },
      anyReply,
    );
    return this.readRoomOrKnown(id, { isSpeak: on });
  }

  /**
   * ◐ Watchers has no pinned notice: the announcement is a chat message posted
   * as the account's `announceAs` user (`/external/message/send`).
   */
  override async setAnnouncement(id: string, text: string): Promise<Announcement> {
    const as = this.account.announceAs;
    if (!as)
      throw new MissingAnnounceAsError(this.accountName, 'Watchers posts an announcement as a chat user');
    const { data } = await this.http.call(
      {
        method: 'POST',
        path: PATH.send,
        body: json({ userId: as.id, roomId: id, text }),
        idempotent: false,
        operation: 'external/message/send',
      },
      sentMessageSchema,
    );
    return {
      room: id,
      text,
      postedAs: { id: as.id, name: as.name },
      ...(data.id !== undefined ? { messageId: String(data.id) } : {}),
      ...(data.createdAt !== undefined ? { createdAt: data.createdAt } : {}),
    };
  }

  /**
   * ◐ Watchers has no kick: `/external/ban` with `type: IN_ROOM` bans the user
   * from the room (until `expires`, if given, else until unbanned).
   */
  override async kick(id: string, user: string, settings: Settings): Promise<KickResult> {
    const body = encodeBanBody(id, user, settings);
    await this.http.call(
      { method: 'POST', path: PATH.ban, body: json(body), idempotent: false, operation: 'external/ban' },
      anyReply,
    );
    const expires = typeof body.expires === 'string' ? body.expires : undefined;
    return {
      room: id,
      user,
      banned: true,
      banType: 'IN_ROOM',
      ...(expires ? { expires } : {}),
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      note: `Watchers has no kick: the user is banned from the room ${expires ? `until ${expires}` : 'until unbanned'}`,
    };
  }

  override async close(): Promise<void> {
    await this.http.close();
  }

  /** `check`: the read only checks around a change (the room as it is after one). */
  private async readRoom(id: string, { check = false } = {}): Promise<Room> {
    const { data } = await this.http.call(
      {
        method: 'GET',
        path: roomPath(id),
        idempotent: true,
        operation: 'external/room (get)',
        ...(check ? { check } : {}),
      },
      wireRoomSchema,
    );
    return toRoom(data);
  }

  /** After a change that succeeded: the room as re-read, or as known when the read fails. */
  private async readRoomOrKnown(id: string, known: Record<string, unknown>): Promise<Room> {
    try {
      return await this.readRoom(id, { check: true });
    } catch (error) {
      if (!isVendorError(error)) throw error;
      return { ...known, id, ...(typeof known.name === 'string' ? { name: known.name } : {}) };
    }
  }
}
