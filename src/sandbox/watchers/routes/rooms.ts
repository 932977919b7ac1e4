/**
 * `/external/room*` (docs.watchers.io room-api; seed 003 corrected by
 * shared/vendors/watchers.md §2). Response bodies are undocumented; the
 * emulator answers 201 + the room for POSTs, 200 for GET/DELETE, 404 for an
 * unknown room and 409 for a duplicate `roomId` (vendor-file conventions).
 */
import type { Route } from '../../kit/types.js';
import { toEmbedUrl } from '../embed.js';
import { badRequest, conflict, created, ok, roomNotFound } from '../replies.js';
import { WATCHERS_STATUSES } from '../state.js';
import { Checker, readJsonBody } from '../validate.js';
import { external, type RouteContext } from './context.js';

const CREATE_FIELDS = [
  'roomId',
  'name',
  'about',
  'isSpeak',
  'pic',
  'startTime',
  'endTime',
  'streamUrl',
  'sourceUrl',
  'streamStartTime',
  'streamEndTime',
] as const;

const iso = (date: Date | undefined): string | null => (date ? date.toISOString() : null);

export function roomRoutes(ctx: RouteContext): Route[] {
  const { state } = ctx;
  return [
    {
      method: 'POST',
      pattern: '/external/room',
      handler: external(ctx, (req) => {
        const read = readJsonBody(req);
        if ('error' in read) return read.error;
        const check = new Checker(read.body);
        check.onlyFields(CREATE_FIELDS);
        const roomId = check.requiredString('roomId');
        const name = check.requiredString('name');
        const about = check.requiredString('about');
        const isSpeak = check.booleanish('isSpeak', false);
        const pic = check.optionalString('pic');
        const streamUrl = check.optionalString('streamUrl');
        const sourceUrl = check.optionalString('sourceUrl');
        const startTime = check.optionalTime('startTime');
        const endTime = check.optionalTime('endTime');
        const streamStartTime = check.optionalTime('streamStartTime');
        const streamEndTime = check.optionalTime('streamEndTime');
        if (startTime && endTime && endTime <= startTime)
          check.messages.push('endTime must be later than startTime');
        if (check.failed || roomId === undefined || name === undefined || about === undefined) {
          return badRequest(check.messages);
        }
        if (state.rooms.has(roomId)) return conflict(`Room with roomId ${roomId} already exists`);
        const room = state.addRoom({
          externalRoomId: roomId,
          name,
          about,
          isSpeak: isSpeak ?? false,
          autoRecord: false,
          pic: pic ?? null,
          pic96: null,
          pic128: null,
          pic800: null,
          isCreatedByAdmin: false,
          startTime: iso(startTime),
          endTime: iso(endTime),
          isSlowmode: false,
          slowmodeDelayMS: 0,
          record: null,
          streamUrl: streamUrl ?? null,
          sourceUrl: sourceUrl ?? null,
          embedUrl: toEmbedUrl(sourceUrl ?? null),
          streamStartTime: iso(streamStartTime),
          streamEndTime: iso(streamEndTime),
        });
        return created(room);
      }),
    },
    {
      method: 'POST',
      pattern: '/external/room/speak',
      handler: external(ctx, (req) => {
        const read = readJsonBody(req);
        if ('error' in read) return read.error;
        const check = new Checker(read.body);
        check.onlyFields(['roomId', 'isSpeak']);
        const roomId = check.requiredString('roomId');
        const isSpeak = check.booleanish('isSpeak', true);
        if (check.failed || roomId === undefined || isSpeak === undefined) return badRequest(check.messages);
        const room = state.rooms.get(roomId);
        if (!room) return roomNotFound();
        room.isSpeak = isSpeak;
        return created(room);
      }),
    },
    {
      method: 'POST',
      pattern: '/external/room/status',
      handler: external(ctx, (req) => {
        const read = readJsonBody(req);
        if ('error' in read) return read.error;
        const check = new Checker(read.body);
        check.onlyFields(['roomId', 'status']);
        const roomId = check.requiredString('roomId');
        const status = check.oneOf('status', WATCHERS_STATUSES, true);
        if (check.failed || roomId === undefined || status === undefined) return badRequest(check.messages);
        const room = state.rooms.get(roomId);
        if (!room) return roomNotFound();
        // Which transitions the vendor allows is unconfirmed; the emulator allows all.
        room.status = status;
        return created(room);
      }),
    },
    {
      method: 'GET',
      pattern: '/external/room/:roomId',
      handler: external(ctx, (req) => {
        const room = state.rooms.get(req.params.roomId ?? '');
        return room ? ok(room) : roomNotFound();
      }),
    },
    {
      method: 'DELETE',
      pattern: '/external/room/:roomId',
      handler: external(ctx, (req) =>
        state.removeRoom(req.params.roomId ?? '') ? ok(true) : roomNotFound(),
      ),
    },
  ];
}
