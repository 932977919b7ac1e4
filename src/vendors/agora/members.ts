/**
 * Chat room members at Agora (agora.md §3): paged list, add and remove, one
 * user or up to 60 per request, with one outcome per user.
 */
import type { z } from 'zod';
import { isVendorError, VendorError } from '../errors.js';
import type { RequestSpec } from '../http/types.js';
import { settleEach } from '../settle.js';
import type { ItemOutcome, Member, Page, PageRequest } from '../types.js';
import * as schema from './schemas.js';
import {
  chunk,
  decodeMemberCursor,
  encodeMemberCursor,
  joinPathList,
  MAX_MEMBER_BATCH,
  MAX_MEMBER_PAGESIZE,
  memberFromEntry,
  unique,
} from './wire.js';

/** Sends one request under the account's `/{org}/{app}` prefix and returns the validated body. */
export type AgoraSend = <S extends z.ZodType>(spec: RequestSpec, replySchema: S) => Promise<z.output<S>>;

type Outcome = ItemOutcome<true>;

export class AgoraMembers {
  constructor(private readonly send: AgoraSend) {}

  async list(room: string, page: PageRequest): Promise<Page<Member>> {
    let pagenum = 1;
    if (page.cursor) {
      const decoded = decodeMemberCursor(page.cursor);
      if (decoded === undefined) {
        throw new VendorError(
          'vendor_rejected',
          `agora chatrooms/members: cursor "${page.cursor}" is not a page number from a previous members answer`,
          { operation: 'chatrooms/members' },
        );
      }
      pagenum = decoded;
    }
    const pagesize = Math.min(
      Math.max(1, Math.floor(page.limit ?? MAX_MEMBER_PAGESIZE)),
      MAX_MEMBER_PAGESIZE,
    );
    const reply = await this.send(
      {
        method: 'GET',
        path: `${roomPath(room)}/users`,
        query: { pagenum, pagesize },
        idempotent: true,
        operation: 'chatrooms/members',
      },
      schema.membersReply,
    );
    const items = reply.data.map(memberFromEntry).filter((m): m is Member => m !== undefined);
    // Agora gives no total: a full page means there may be another one.
    const more = reply.data.length >= pagesize;
    return { items, ...(more ? { cursor: encodeMemberCursor(pagenum + 1) } : {}) };
  }

  async add(room: string, users: readonly string[]): Promise<Outcome[]> {
    return this.inBatches(
      users,
      (u) => this.addOne(room, u),
      async (group) => {
        let added: Set<string>;
        try {
          const reply = await this.send(
            {
              method: 'POST',
              path: `${roomPath(room)}/users`,
              body: { kind: 'json', value: { usernames: group } },
              idempotent: false,
              operation: 'chatrooms/members.add',
            },
            schema.addManyReply,
          );
          added = new Set(reply.data.newmembers);
        } catch (error) {
          if (!isVendorError(error)) throw error;
          // A refused batch (an unknown user, a full room) says nothing per user:
          // fall back to one request each so every user gets its own answer.
          if (error.code !== 'vendor_not_found' && error.code !== 'vendor_rejected') {
            return group.map((u): Outcome => ({ id: u, ok: false, error }));
          }
          added = new Set();
        }
        const done = group
          .filter((u) => added.has(u))
          .map((u): Outcome => ({ id: u, ok: true, value: true }));
        // Users the batch left out (already members, or the batch failed): ask one by one for the reason.
        const rest = group.filter((u) => !added.has(u));
        return [...done, ...(await settleEach(rest, (u) => this.addOne(room, u)))];
      },
    );
  }

  private async addOne(room: string, user: string): Promise<true> {
    const reply = await this.send(
      {
        method: 'POST',
        path: `${roomPath(room)}/users/${encodeURIComponent(user)}`,
        idempotent: false,
        operation: 'chatrooms/members.add',
      },
      schema.singleMemberReply,
    );
    refuseExplicitFalse(reply.data, user, 'chatrooms/members.add', 'added');
    return true;
  }

  async remove(room: string, users: readonly string[]): Promise<Outcome[]> {
    return this.inBatches(
      users,
      (u) => this.removeOne(room, u),
      async (group) => {
        try {
          const reply = await this.send(
            {
              method: 'DELETE',
              path: `${roomPath(room)}/users/${joinPathList(group)}`,
              idempotent: false,
              operation: 'chatrooms/members.remove',
            },
            schema.removeManyReply,
          );
          const byUser = new Map(reply.data.map((r) => [r.user, r] as const));
          return group.map((u) => removeOutcome(u, byUser.get(u)));
        } catch (error) {
          if (!isVendorError(error)) throw error;
          return group.map((u): Outcome => ({ id: u, ok: false, error }));
        }
      },
    );
  }

  /**
   * Users in batches of MAX_MEMBER_BATCH, one outcome per user in the order
   * given. A batch of one goes through the single-user endpoint, whose error
   * names the reason for that user.
   */
  private async inBatches(
    users: readonly string[],
    one: (user: string) => Promise<true>,
    many: (group: string[]) => Promise<Outcome[]>,
  ): Promise<Outcome[]> {
    const outcomes = new Map<string, Outcome>();
    const groups = chunk(unique(users), MAX_MEMBER_BATCH);
    await settleEach(
      groups.map((_, i) => String(i)),
      async (index) => {
        const group = groups[Number(index)]!;
        const results = group.length === 1 ? await settleEach(group, one) : await many(group);
        for (const o of results) outcomes.set(o.id, o);
      },
    );
    return unique(users).map((u) => outcomes.get(u)!);
  }

  async removeOne(room: string, user: string): Promise<true> {
    const reply = await this.send(
      {
        method: 'DELETE',
        path: `${roomPath(room)}/users/${encodeURIComponent(user)}`,
        // Not retried after a timeout: a repeat would answer "not a member" for a removal that happened.
        idempotent: false,
        operation: 'chatrooms/members.remove',
      },
      schema.singleMemberReply,
    );
    refuseExplicitFalse(reply.data, user, 'chatrooms/members.remove', 'removed');
    return true;
  }
}

const roomPath = (room: string) => `/chatrooms/${encodeURIComponent(room)}`;

/** A 2xx whose `result` is explicitly false is the vendor saying it did not act for this user. */
function refuseExplicitFalse(
  data: { result?: unknown; reason?: string | undefined } | undefined,
  user: string,
  operation: string,
  verb: string,
): void {
  if (data?.result !== false) return;
  throw new VendorError('vendor_rejected', `agora ${operation}: ${user} was not ${verb}`, {
    operation,
    vendorMessage: data.reason ?? 'the vendor answered result: false',
  });
}

function removeOutcome(
  user: string,
  result: { result: boolean; reason?: string | undefined } | undefined,
): Outcome {
  if (result?.result) return { id: user, ok: true, value: true };
  const vendorMessage = result?.reason ?? 'the vendor gave no result for this user';
  return {
    id: user,
    ok: false,
    error: new VendorError('vendor_rejected', `agora chatrooms/members.remove: ${user} was not removed`, {
      operation: 'chatrooms/members.remove',
      vendorMessage,
    }),
  };
}
