/**
 * RoomOps' RongCloud client (shared/vendors/rongcloud.md): chatrooms with
 * caller-chosen ids, signed form-encoded POSTs, success judged by the body's
 * `code`. RongCloud has no room list, names, status, voice, announcements or
 * history; those methods are VendorClientBase's refusals.
 */
import type { RongcloudAccount } from '../account.js';
import { VendorClientBase } from '../client-base.js';
import { isVendorError, VendorError } from '../errors.js';
import { vendorClassifier } from '../http/classify.js';
import { vendorHttpFor } from '../http/for-account.js';
import type { VendorClientOptions, VendorHttpApi } from '../http/types.js';
import { settleEach } from '../settle.js';
import type {
  ItemOutcome,
  KickResult,
  Member,
  Page,
  PageRequest,
  Room,
  Settings,
  VendorClient,
} from '../types.js';
import { rongcloudAuthorizer } from './auth.js';
import { readRongcloudReply, requestIdOfRongcloud } from './errors.js';
import { rongcloudRequests as rc } from './requests.js';
import { type ChatroomInfo, chatroomInfo, codeOnly, memberQuery } from './schemas.js';
import { rongcloudStandIn } from './stand-in.js';

/** `minute` for kick when none is given: RongCloud has no kick without a ban (rongcloud.md §5.9). */
export const DEFAULT_KICK_MINUTES = 60;
/** user/query.json returns at most 500 members and has no paging. */
export const MAX_MEMBERS = 500;

export function createRongcloudClient(
  account: RongcloudAccount,
  accountName: string,
  options: VendorClientOptions = {},
): VendorClient {
  const http = vendorHttpFor('rongcloud', account, accountName, options, {
    authorize: rongcloudAuthorizer(account),
    classify: vendorClassifier('rongcloud', readRongcloudReply, requestIdOfRongcloud),
    requestIdOf: requestIdOfRongcloud,
    standIn: rongcloudStandIn,
  });
  return new RongcloudClient(http);
}

class RongcloudClient extends VendorClientBase {
  constructor(private readonly http: VendorHttpApi) {
    super('rongcloud');
  }

  /** The cheapest authenticated read: one page of one muted-room id. Only `code: 200` matters here. */
  override async ping(): Promise<void> {
    await this.http.call(rc.muteQuery(1, 1), codeOnly);
  }

  override async createRoom(chatroomId: string, settings: Settings): Promise<Room> {
    await this.http.call(rc.create(chatroomId, settings), codeOnly);
    // create_new.json answers only {"code":200}; get.json gives the room as the vendor now has it.
    return this.roomAfterChange(chatroomId, {
      destroyType: settings.destroyType ?? 0,
      destroyTime: settings.destroyTime ?? 60,
      ban: settings.isBan ?? false,
    });
  }

  override async getRooms(ids: readonly string[]): Promise<ItemOutcome<Room>[]> {
    return settleEach(ids, (id) => this.fetchRoom(id));
  }

  /**
   * Emulated (◐): RongCloud has no rename or general edit. The lifecycle
   * (`destroyType`, `destroyTime`) goes to destroy/set.json, `isBan` to
   * ban/add|rollback.json and `whiteUserIds` to the mute-exception list.
   */
  override async updateRoom(id: string, settings: Settings): Promise<Room> {
    const steps: Array<{ operation: string; run: () => Promise<unknown> }> = [];
    const known: Record<string, unknown> = {};
    if (settings.destroyType !== undefined || settings.destroyTime !== undefined) {
      const lifecycle = { destroyType: settings.destroyType, destroyTime: settings.destroyTime };
      steps.push({
        operation: 'chatroom/destroy/set.json',
        run: () => this.http.call(rc.setDestroy(id, lifecycle), codeOnly),
      });
      if (settings.destroyType !== undefined) known.destroyType = settings.destroyType;
      if (settings.destroyTime !== undefined) known.destroyTime = settings.destroyTime;
    }
    if (typeof settings.isBan === 'boolean') {
      const on = settings.isBan;
      steps.push({ operation: 'chatroom/ban', run: () => this.http.call(rc.muteAll(id, on), codeOnly) });
      known.ban = on;
    }
    const exceptions = Array.isArray(settings.whiteUserIds) ? settings.whiteUserIds.map(String) : [];
    if (exceptions.length > 0) {
      steps.push({
        operation: 'chatroom/user/ban/whitelist/add.json',
        run: () => this.http.call(rc.addMuteExceptions(id, exceptions), codeOnly),
      });
    }
    if (steps.length === 0) return this.fetchRoom(id);
    await this.runSteps(steps);
    return this.roomAfterChange(id, known);
  }

  override async deleteRooms(ids: readonly string[]): Promise<ItemOutcome<true>[]> {
    // destroy.json answers 200 for known and unknown ids alike, so get.json
    // decides per id whether there is a room; the rest go in one request.
    const checks = await settleEach(ids, (id) => this.fetchRoom(id, { check: true }));
    const present = checks.filter((c) => c.ok).map((c) => c.id);
    if (present.length > 0) await this.http.call(rc.destroy(present), codeOnly);
    return checks.map((c): ItemOutcome<true> => (c.ok ? { id: c.id, ok: true, value: true } : c));
  }

  override async setMuteAll(id: string, on: boolean): Promise<Room> {
    await this.http.call(rc.muteAll(id, on), codeOnly);
    return this.roomAfterChange(id, { ban: on });
  }

  /** get.json always reports the mute-all state as `ban` (rongcloud.md §5.3; its schema requires it). */
  override async getMuteAll(ids: readonly string[]): Promise<ItemOutcome<boolean>[]> {
    return settleEach(ids, async (id) => (await this.http.call(rc.get(id), chatroomInfo)).data.ban);
  }

  override async setKeepAlive(id: string, on: boolean): Promise<Room> {
    await this.http.call(on ? rc.keepAliveAdd(id) : rc.keepAliveRemove(id), codeOnly);
    // get.json does not report keep-alive; the call just succeeded, so the state is known.
    return { ...(await this.roomAfterChange(id, {})), keepAlive: on };
  }

  override async listMembers(id: string, page: PageRequest): Promise<Page<Member>> {
    const count = Math.min(MAX_MEMBERS, Math.max(1, Math.floor(page.limit ?? MAX_MEMBERS)));
    // order 1 = oldest-joined first, a stable order; there is no cursor beyond the first 500.
    const { data } = await this.http.call(rc.members(id, count, 1), memberQuery);
    return { items: data.users.map((user) => ({ ...user, id: user.id })) };
  }

  /**
   * Emulated (◐): RongCloud has no plain kick; block/add.json removes the user
   * now and keeps them out for `minute` minutes (1–43200).
   */
  override async kick(id: string, user: string, settings: Settings): Promise<KickResult> {
    const { minute: given, ...extra } = settings;
    const minute = given === undefined ? DEFAULT_KICK_MINUTES : Number(given);
    await this.http.call(rc.block(id, user, minute, extra), codeOnly);
    return {
      room: id,
      user,
      removed: true,
      bannedMinutes: minute,
      bannedUntil: new Date(Date.now() + minute * 60_000).toISOString(),
      note: `removed and banned from rejoining for ${minute} minute${minute === 1 ? '' : 's'}`,
    };
  }

  override async close(): Promise<void> {
    await this.http.close();
  }

  /** `check`: the read only checks around a change (existence before a delete, the room after a change). */
  private async fetchRoom(id: string, { check = false } = {}): Promise<Room> {
    const spec = rc.get(id);
    if (check) spec.check = true;
    const { data } = await this.http.call(spec, chatroomInfo);
    return toRoom(data, id);
  }

  /**
   * The room as get.json reports it after a change. A room the vendor does
   * not know is an error; if only the read fails, the change did happen, so
   * the room is returned as known from the change instead.
   */
  private async roomAfterChange(id: string, known: Record<string, unknown>): Promise<Room> {
    try {
      return await this.fetchRoom(id, { check: true });
    } catch (error) {
      if (isVendorError(error) && error.code !== 'vendor_not_found') return { id, chatroomId: id, ...known };
      throw error;
    }
  }

  /**
   * Runs several requests in order; when a later one fails the error says
   * which earlier ones were already applied (RongCloud has no transactions).
   */
  private async runSteps(steps: Array<{ operation: string; run: () => Promise<unknown> }>): Promise<void> {
    const applied: string[] = [];
    for (const step of steps) {
      try {
        await step.run();
        applied.push(step.operation);
      } catch (error) {
        if (isVendorError(error) && applied.length > 0) {
          throw new VendorError(
            error.code,
            `${error.summary}; already applied: ${applied.join(', ')}`,
            error.details,
          );
        }
        throw error;
      }
    }
  }
}

function toRoom(info: ChatroomInfo, id: string): Room {
  const { code: _code, ...fields } = info;
  return { ...fields, chatroomId: info.chatroomId ?? id, id };
}
