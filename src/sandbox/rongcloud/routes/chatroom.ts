/**
 * Chatroom lifecycle: create_new, destroy, get, destroy/set
 * (shared/vendors/rongcloud.md §5.1–5.3, §5.7).
 */
import type { Route } from '../../kit/types.js';
import { type EndpointContext, endpoint } from '../endpoint.js';
import { param } from '../form.js';
import { rcOk } from '../replies.js';
import { roomOf } from './lookup.js';

const DESTROY_TYPE = { min: 0, max: 1 };
/** 60 min to 7 days; the sibling pages' "10800" is a typo (rongcloud.md §8). */
const DESTROY_TIME = { min: 60, max: 10_080 };
const ENTRY_KEY = /^[A-Za-z0-9+=\-_]{1,128}$/;

export function chatroomRoutes(context: EndpointContext): Route[] {
  return [
    endpoint(context, '/chatroom/create_new.json', (fields, state) => {
      const chatroomId = fields.chatroomId();
      const destroyType = fields.int('destroyType', DESTROY_TYPE) as 0 | 1 | undefined;
      const destroyTime = fields.int('destroyTime', DESTROY_TIME);
      const ban = fields.bool('isBan');
      const muteExceptions = fields.list('whiteUserIds');
      if (muteExceptions.length > 20) throw param('whiteUserIds quantity exceeds limit, max 20');
      const entryOwnerId = fields.optional('entryOwnerId');
      const entryInfo = fields.optional('entryInfo');
      if ((entryOwnerId === undefined) !== (entryInfo === undefined)) {
        throw param('entryOwnerId and entryInfo must be used together');
      }
      const entries = entryInfo === undefined ? undefined : parseEntries(entryInfo);
      // Creating an existing id answers 200 and changes nothing (the vendor file's inference).
      if (!state.rooms.has(chatroomId)) {
        state.create(chatroomId, {
          ...(destroyType !== undefined ? { destroyType } : {}),
          ...(destroyTime !== undefined ? { destroyTime } : {}),
          ...(ban !== undefined ? { ban } : {}),
          muteExceptions,
          ...(entryOwnerId !== undefined ? { entryOwnerId } : {}),
          ...(entries ? { entries } : {}),
        });
      }
      return rcOk();
    }),

    // Unknown ids are ignored and the answer is still 200 (the vendor file's inference).
    endpoint(context, '/chatroom/destroy.json', (fields, state) => {
      for (const id of fields.chatroomIds()) state.destroy(id);
      return rcOk();
    }),

    endpoint(context, '/chatroom/get.json', (fields, state) => {
      const room = roomOf(state, fields.chatroomId());
      return rcOk({
        chatroomId: room.chatroomId,
        createTime: room.createTime,
        memberCount: room.members.size,
        destroyType: room.destroyType,
        destroyTime: room.destroyTime,
        ban: room.ban,
      });
    }),

    // Only the fields sent change. Idle time keeps counting, so switching a
    // long-idle room to type 0 destroys it at the next sweep (`set-destroy-type`).
    endpoint(context, '/chatroom/destroy/set.json', (fields, state) => {
      const room = roomOf(state, fields.chatroomId());
      const destroyType = fields.int('destroyType', DESTROY_TYPE);
      const destroyTime = fields.int('destroyTime', DESTROY_TIME);
      if (destroyType !== undefined) room.destroyType = destroyType as 0 | 1;
      if (destroyTime !== undefined) room.destroyTime = destroyTime;
      return rcOk();
    }),
  ];
}

function parseEntries(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw param('entryInfo must be a JSON object');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw param('entryInfo must be a JSON object');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 20) throw param('entryInfo quantity exceeds limit, max 20');
  const out: Record<string, string> = {};
  for (const [key, raw] of entries) {
    if (!ENTRY_KEY.test(key)) throw param(`entryInfo key ${JSON.stringify(key)} is invalid`);
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    if (text.length > 4096) throw param('entryInfo value length exceeds limit, max 4096');
    out[key] = text;
  }
  return out;
}
