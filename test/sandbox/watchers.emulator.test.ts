import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { createWatchersEmulator, type WatchersEmulator } from '../../src/sandbox/watchers/emulator.js';

const { apiKey, token } = SANDBOX_CREDENTIALS.watchers;
const AUTH = { 'x-api-key': apiKey, authorization: `Bearer ${token}` };

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

async function send(
  base: string,
  method: string,
  path: string,
  options: { json?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.headers ?? AUTH) };
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.raw !== undefined) {
    body = options.raw;
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('Watchers emulator', () => {
  let emulator: WatchersEmulator;
  let base: string;

  // A fresh seeded emulator per test, so tests do not depend on their order.
  beforeEach(async () => {
    emulator = createWatchersEmulator({ rateLimitPerSecond: 0 });
    base = await emulator.start(0);
  });
  afterEach(() => emulator.stop());

  describe('seeded rooms', () => {
    it('starts with the same three rooms in three statuses', async () => {
      const statuses: Record<string, unknown> = {};
      for (const id of ['match-day', 'concert-live', 'quiz-night']) {
        const res = await send(base, 'GET', `/external/room/${id}`);
        expect(res.status).toBe(200);
        const room = res.body as {
          externalRoomId: string;
          status: string;
          name: string;
          about: string;
          id: number;
        };
        expect(room.externalRoomId).toBe(id);
        expect(typeof room.id).toBe('number');
        expect(room.name.length).toBeGreaterThan(0);
        statuses[id] = room.status;
      }
      expect(statuses).toEqual({ 'match-day': 'SOON', 'concert-live': 'LIVE', 'quiz-night': 'ENDED' });
    });

    it('is identical on every start', async () => {
      const other = createWatchersEmulator();
      expect([...other.rooms.values()]).toEqual([...createWatchersEmulator().rooms.values()]);
      expect([...other.rooms.keys()]).toEqual(['concert-live', 'match-day', 'quiz-night']);
      expect(createWatchersEmulator({ seed: false }).rooms.size).toBe(0);
    });
  });

  describe('authentication', () => {
    it('answers 404 "Project not found" for a missing or unknown x-api-key, before looking at the bearer', async () => {
      for (const headers of [
        {},
        { 'x-api-key': 'nope' },
        { 'x-api-key': 'nope', authorization: 'Bearer nope' },
      ] as Record<string, string>[]) {
        const res = await send(base, 'GET', '/external/room/match-day', { headers });
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ statusCode: 404, message: 'Project not found' });
      }
    });

    it('answers 403 for a missing, wrong or non-Bearer token', async () => {
      const missing = await send(base, 'GET', '/external/room/match-day', {
        headers: { 'x-api-key': apiKey },
      });
      expect(missing.status).toBe(403);
      expect(missing.body).toEqual({ statusCode: 403, message: 'Bearer token is required' });
      for (const authorization of ['Bearer wrong-token', `Basic ${token}`, token]) {
        const res = await send(base, 'GET', '/external/room/match-day', {
          headers: { 'x-api-key': apiKey, authorization },
        });
        expect(res.status).toBe(403);
        expect((res.body as { statusCode: number }).statusCode).toBe(403);
      }
    });

    it('checks auth before validating the body', async () => {
      const res = await send(base, 'POST', '/external/room', { json: {}, headers: { 'x-api-key': apiKey } });
      expect(res.status).toBe(403);
    });

    it('authenticates the premade list by the apiKey query parameter only', async () => {
      const ok = await send(base, 'GET', `/room/premade?apiKey=${apiKey}`, { headers: {} });
      expect(ok.status).toBe(200);
      const headerOnly = await send(base, 'GET', '/room/premade', { headers: AUTH });
      expect(headerOnly.status).toBe(404);
      expect(headerOnly.body).toEqual({ statusCode: 404, message: 'Project not found' });
      const wrong = await send(base, 'GET', '/room/premade?apiKey=wrong', { headers: {} });
      expect(wrong.status).toBe(404);
    });
  });

  describe('create', () => {
    it('stores the caller id as externalRoomId and answers 201 with the room', async () => {
      const res = await send(base, 'POST', '/external/room', {
        json: {
          roomId: 'em-create-1',
          name: 'Created',
          about: 'About it',
          sourceUrl: 'https://youtu.be/abc123',
        },
      });
      expect(res.status).toBe(201);
      const room = res.body as Record<string, unknown>;
      expect(room).toMatchObject({
        externalRoomId: 'em-create-1',
        name: 'Created',
        about: 'About it',
        status: 'LIVE',
        isSpeak: false,
        startTime: null,
        embedUrl: 'https://www.youtube.com/embed/abc123',
      });
      expect(typeof room.id).toBe('number');
      expect(emulator.rooms.get('em-create-1')?.name).toBe('Created');
    });

    it('schedules a room with a future startTime as SOON', async () => {
      const res = await send(base, 'POST', '/external/room', {
        json: {
          roomId: 'em-soon',
          name: 'n',
          about: 'a',
          isSpeak: '1',
          startTime: '2099-01-01T10:00:00.000Z',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'SOON',
        isSpeak: true,
        startTime: '2099-01-01T10:00:00.000Z',
      });
    });

    it('reports every missing required field in the message array', async () => {
      const res = await send(base, 'POST', '/external/room', { json: { isSpeak: false } });
      expect(res.status).toBe(400);
      const body = res.body as { statusCode: number; message: string[]; error: string };
      expect(body.statusCode).toBe(400);
      expect(body.error).toBe('Bad Request');
      expect(body.message).toEqual(
        expect.arrayContaining([
          'roomId should not be empty',
          'name should not be empty',
          'about should not be empty',
        ]),
      );
    });

    it('rejects empty strings', async () => {
      const res = await send(base, 'POST', '/external/room', { json: { roomId: '', name: 'n', about: 'a' } });
      expect(res.status).toBe(400);
      expect((res.body as { message: string[] }).message).toEqual(['roomId should not be empty']);
    });

    it('does not parse a body that is not application/json', async () => {
      const res = await send(base, 'POST', '/external/room', {
        raw: 'roomId=form-room&name=n&about=a',
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(res.status).toBe(400);
      expect((res.body as { message: string[] }).message).toContain('roomId should not be empty');
      expect(emulator.rooms.has('form-room')).toBe(false);
    });

    it('answers 400 for malformed JSON', async () => {
      const res = await send(base, 'POST', '/external/room', { raw: '{"roomId": ' });
      expect(res.status).toBe(400);
      expect((res.body as { statusCode: number }).statusCode).toBe(400);
    });

    it('requires ISO 8601 UTC times, not the seed document zone-less format', async () => {
      const res = await send(base, 'POST', '/external/room', {
        json: { roomId: 'em-time', name: 'n', about: 'a', startTime: '2024-12-31 05:33:32' },
      });
      expect(res.status).toBe(400);
      expect((res.body as { message: string[] }).message).toEqual([
        'startTime must be a valid ISO 8601 date string',
      ]);
    });

    it('refuses unknown properties and non-boolean isSpeak', async () => {
      const res = await send(base, 'POST', '/external/room', {
        json: { roomId: 'em-x', name: 'n', about: 'a', isSpeak: 'yes', colour: 'red' },
      });
      expect(res.status).toBe(400);
      expect((res.body as { message: string[] }).message).toEqual([
        'property colour should not exist',
        'isSpeak must be a boolean value',
      ]);
    });

    it('answers 409 for a duplicate roomId and keeps the first room', async () => {
      const res = await send(base, 'POST', '/external/room', {
        json: { roomId: 'quiz-night', name: 'Other', about: 'a' },
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(emulator.rooms.get('quiz-night')?.name).toBe('Quiz Night');
    });
  });

  describe('status, speak, delete', () => {
    it('changes the status with POST /external/room/status {roomId, status}', async () => {
      await send(base, 'POST', '/external/room', { json: { roomId: 'em-status', name: 'n', about: 'a' } });
      const res = await send(base, 'POST', '/external/room/status', {
        json: { roomId: 'em-status', status: 'DISABLED' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ externalRoomId: 'em-status', status: 'DISABLED' });
      expect(emulator.rooms.get('em-status')?.status).toBe('DISABLED');
    });

    it("refuses the seed document's wrong status request and unknown statuses", async () => {
      const seedStyle = await send(base, 'POST', '/external/room/status', {
        json: { roomId: 'match-day', isSpeak: false },
      });
      expect(seedStyle.status).toBe(400);
      expect((seedStyle.body as { message: string[] }).message).toEqual([
        'property isSpeak should not exist',
        'status should not be empty',
        'status must be one of the following values: LIVE, SOON, ENDED, DISABLED',
      ]);
      const lower = await send(base, 'POST', '/external/room/status', {
        json: { roomId: 'match-day', status: 'live' },
      });
      expect(lower.status).toBe(400);
      expect(emulator.rooms.get('match-day')?.status).toBe('SOON');
    });

    it('answers 404 "Room not found" for an unknown room', async () => {
      const status = await send(base, 'POST', '/external/room/status', {
        json: { roomId: 'ghost', status: 'LIVE' },
      });
      expect(status.status).toBe(404);
      expect(status.body).toEqual({ statusCode: 404, message: 'Room not found' });
      const get = await send(base, 'GET', '/external/room/ghost');
      expect(get.body).toEqual({ statusCode: 404, message: 'Room not found' });
    });

    it('toggles voice with /external/room/speak', async () => {
      const on = await send(base, 'POST', '/external/room/speak', {
        json: { roomId: 'concert-live', isSpeak: false },
      });
      expect(on.status).toBe(201);
      expect(emulator.rooms.get('concert-live')?.isSpeak).toBe(false);
      const missing = await send(base, 'POST', '/external/room/speak', { json: { roomId: 'concert-live' } });
      expect(missing.status).toBe(400);
      expect((missing.body as { message: string[] }).message).toContain('isSpeak must be a boolean value');
    });

    it('deletes with DELETE /external/room/:roomId, then the room is gone', async () => {
      await send(base, 'POST', '/external/room', { json: { roomId: 'em/delete me', name: 'n', about: 'a' } });
      const path = `/external/room/${encodeURIComponent('em/delete me')}`;
      expect((await send(base, 'DELETE', path)).status).toBe(200);
      expect((await send(base, 'GET', path)).status).toBe(404);
      expect((await send(base, 'DELETE', path)).status).toBe(404);
    });
  });

  describe('premade list', () => {
    it('lists only SOON and LIVE rooms, by startTime ascending', async () => {
      const res = await send(base, 'GET', `/room/premade?apiKey=${apiKey}`, { headers: {} });
      const ids = (res.body as { externalRoomId: string; status: string }[]).map((r) => r.externalRoomId);
      expect(ids.indexOf('concert-live')).toBeLessThan(ids.indexOf('match-day'));
      expect(ids).not.toContain('quiz-night');
      expect(ids).not.toContain('em-status');
      for (const room of res.body as { status: string }[]) expect(['SOON', 'LIVE']).toContain(room.status);
    });
  });

  describe('bans and messages', () => {
    it('bans a user in a room and lifts the ban with value:false', async () => {
      const ban = await send(base, 'POST', '/external/ban', {
        json: {
          userId: 'u-1',
          value: true,
          type: 'IN_ROOM',
          roomId: 'concert-live',
          reason: 2,
          expires: '2099-12-31 05:33:32',
        },
      });
      expect(ban.status).toBe(201);
      expect(ban.body).toBe(true);
      expect(emulator.state.isBanned('u-1', 'concert-live')).toBe(true);
      expect(emulator.state.bans.at(-1)?.expires).toBe('2099-12-31T05:33:32.000Z');
      await send(base, 'POST', '/external/ban', {
        json: { userId: 'u-1', value: false, type: 'IN_ROOM', roomId: 'concert-live' },
      });
      expect(emulator.state.isBanned('u-1', 'concert-live')).toBe(false);
    });

    it('validates bans: IN_ROOM needs a known room, reason 0–8', async () => {
      const noRoom = await send(base, 'POST', '/external/ban', {
        json: { userId: 'u', value: true, type: 'IN_ROOM' },
      });
      expect(noRoom.status).toBe(400);
      expect((noRoom.body as { message: string[] }).message).toEqual(['roomId should not be empty']);
      const unknown = await send(base, 'POST', '/external/ban', {
        json: { userId: 'u', value: true, type: 'IN_ROOM', roomId: 'ghost' },
      });
      expect(unknown.status).toBe(404);
      const reason = await send(base, 'POST', '/external/ban', {
        json: { userId: 'u', value: true, type: 'IN_APP', reason: 9 },
      });
      expect((reason.body as { message: string[] }).message).toEqual([
        'reason must be an integer from 0 to 8',
      ]);
    });

    it('posts a message as the given user and answers the message object', async () => {
      const res = await send(base, 'POST', '/external/message/send', {
        json: { userId: 'bot-7', roomId: 'concert-live', text: 'Doors open' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        text: 'Doors open',
        type: 'USER',
        user: { externalId: 'bot-7' },
        room: { externalRoomId: 'concert-live' },
      });
      expect(emulator.state.messages.at(-1)).toMatchObject({
        userId: 'bot-7',
        roomId: 'concert-live',
        text: 'Doors open',
      });
    });

    it('rejects empty message fields with 400', async () => {
      const res = await send(base, 'POST', '/external/message/send', {
        json: { userId: 'b', roomId: 'concert-live', text: '' },
      });
      expect(res.status).toBe(400);
      expect((res.body as { message: string[] }).message).toEqual(['text should not be empty']);
    });
  });

  it('answers an unknown path like NestJS', async () => {
    const res = await send(base, 'GET', '/external/rooms');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, message: 'Cannot GET /external/rooms', error: 'Not Found' });
  });

  it('answers an injected 5xx in the vendor shape', async () => {
    emulator.server.injectFault({ kind: 'status', status: 503, path: '/external/room/' });
    const res = await send(base, 'GET', '/external/room/match-day');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ statusCode: 503, message: 'Service Unavailable' });
  });
});

describe('Watchers emulator rate limit', () => {
  it('answers 429 with Retry-After in the NestJS throttler shape, per endpoint', async () => {
    const emulator = createWatchersEmulator({ rateLimitPerSecond: 3 });
    const base = await emulator.start(0);
    try {
      const statuses: number[] = [];
      let limited: Reply | undefined;
      for (let i = 0; i < 4; i++) {
        const res = await send(base, 'GET', '/external/room/match-day');
        statuses.push(res.status);
        if (res.status === 429) limited = res;
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(limited?.body).toEqual({ statusCode: 429, message: 'ThrottlerException: Too Many Requests' });
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(emulator.server.rateLimitViolations).toBe(1);
      // Another endpoint has its own window.
      const other = await send(base, 'GET', `/room/premade?apiKey=${apiKey}`, { headers: {} });
      expect(other.status).toBe(200);
    } finally {
      await emulator.stop();
    }
  });

  it('limits at 20 requests per second by default', async () => {
    const emulator = createWatchersEmulator();
    const base = await emulator.start(0);
    try {
      const results = await Promise.all(
        Array.from({ length: 21 }, () => send(base, 'GET', '/external/room/match-day')),
      );
      expect(results.filter((r) => r.status === 429)).toHaveLength(1);
    } finally {
      await emulator.stop();
    }
  });
});

describe('Watchers emulator schedules', () => {
  it('turns SOON into LIVE at startTime and LIVE into ENDED at endTime', async () => {
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const emulator = createWatchersEmulator({ seed: false, rateLimitPerSecond: 0, now: () => now });
    const base = await emulator.start(0);
    try {
      const created = await send(base, 'POST', '/external/room', {
        json: {
          roomId: 'sched',
          name: 'n',
          about: 'a',
          startTime: '2026-03-01T13:00:00.000Z',
          endTime: '2026-03-01T14:00:00.000Z',
        },
      });
      expect((created.body as { status: string }).status).toBe('SOON');
      now = Date.parse('2026-03-01T13:00:00.000Z');
      expect(((await send(base, 'GET', '/external/room/sched')).body as { status: string }).status).toBe(
        'LIVE',
      );
      now = Date.parse('2026-03-01T14:00:01.000Z');
      expect(((await send(base, 'GET', '/external/room/sched')).body as { status: string }).status).toBe(
        'ENDED',
      );
      const listed = await send(base, 'GET', `/room/premade?apiKey=${apiKey}`, { headers: {} });
      expect(listed.body).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });

  it('rejects an endTime before startTime', async () => {
    const emulator = createWatchersEmulator({ seed: false, rateLimitPerSecond: 0 });
    const base = await emulator.start(0);
    try {
      const res = await send(base, 'POST', '/external/room', {
        json: {
          roomId: 'r',
          name: 'n',
          about: 'a',
          startTime: '2030-01-02T00:00:00Z',
          endTime: '2030-01-01T00:00:00Z',
        },
      });
      expect(res.status).toBe(400);
      expect((res.body as { message: string[] }).message).toEqual(['endTime must be later than startTime']);
    } finally {
      await emulator.stop();
    }
  });
});
