import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { createIflychatEmulator } from '../../src/sandbox/iflychat/emulator.js';
import { readList } from '../../src/sandbox/iflychat/fields.js';
import { SEED_HISTORY_START } from '../../src/sandbox/iflychat/seed.js';

/** Raw vendor JSON as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw vendor replies are inspected field by field
type Loose = any;

const KEY = SANDBOX_CREDENTIALS.iflychat.apiKey;
const START = Date.UTC(2025, 5, 10, 12, 0, 0);
let clock = START;
// A fresh seeded emulator per test: kicks and edits in one test must not
// change what another sees, whatever order they run in.
let emulator: ReturnType<typeof createIflychatEmulator>;
let base = '';

beforeEach(async () => {
  clock = START;
  emulator = createIflychatEmulator({ now: () => clock });
  base = `${await emulator.start(0)}/api/1.1`;
});
afterEach(() => emulator.stop());

async function json(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Loose };
}

async function form(path: string, params: [string, string][]) {
  const res = await fetch(`${base}/${path}`, { method: 'POST', body: new URLSearchParams(params) });
  return { status: res.status, body: (await res.json()) as Loose };
}

describe('iFlyChat emulator: authentication', () => {
  it('refuses a missing api_key with 403 invalid api_key', async () => {
    const res = await json('rooms/list', {});
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'invalid api_key' });
  });

  it('refuses a wrong api_key', async () => {
    const res = await json('rooms/list', { api_key: `${KEY}x` });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('invalid api_key');
  });

  it('reads the key from the body only, not from headers or the query', async () => {
    const header = await json('rooms/list', {}, { 'x-api-key': KEY, authorization: `Bearer ${KEY}` });
    expect(header.status).toBe(403);
    const res = await fetch(`${base}/rooms/list?api_key=${KEY}`, { method: 'POST' });
    expect(res.status).toBe(403);
  });

  it('refuses an empty body', async () => {
    const res = await fetch(`${base}/rooms/list`, { method: 'POST' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'invalid api_key' });
  });
});

describe('iFlyChat emulator: encodings and content types', () => {
  it('accepts urlencoded bodies', async () => {
    const res = await form('rooms/list', [['api_key', KEY]]);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(res.body.rooms.length);
  });

  it('accepts multipart bodies', async () => {
    const data = new FormData();
    data.append('api_key', KEY);
    data.append('room_name', 'Multipart room');
    data.append('room_role', '2');
    const res = await fetch(`${base}/room/create`, { method: 'POST', body: data });
    expect(res.status).toBe(200);
    const { room_id } = (await res.json()) as { room_id: number };
    expect(emulator.rooms.get(room_id)).toMatchObject({
      room_name: 'Multipart room',
      room_role: '2',
      room_private: '0',
    });
  });

  it('answers 415 for a body it cannot read', async () => {
    const res = await fetch(`${base}/rooms/list`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: `api_key=${KEY}`,
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as Loose).error).toMatch(/unsupported content type/);
  });

  it('answers 400 for malformed JSON and for a JSON array body', async () => {
    const bad = await fetch(`${base}/rooms/list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"api_key": ',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'request body could not be parsed' });
    const array = await json('rooms/list', [KEY]);
    expect(array.status).toBe(400);
  });

  it('answers 405 for a method other than POST and 404 for an unknown path', async () => {
    const get = await fetch(`${base}/rooms/list`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.json()).toEqual({ error: 'method not allowed' });
    const unknown = await json('rooms/everything', { api_key: KEY });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: 'unknown endpoint' });
  });
});

describe('iFlyChat emulator: rooms', () => {
  it('starts with the seeded rooms, numeric ids, string fields, no room 0', async () => {
    const fresh = createIflychatEmulator();
    const url = await fresh.start(0);
    try {
      const res = await fetch(`${url}/api/1.1/rooms/list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: KEY }),
      });
      expect(await res.json()).toEqual({
        rooms: [
          { room_id: 1, room_name: 'Lobby', room_role: '0', room_private: '0', room_moderate: '0' },
          { room_id: 2, room_name: 'Support desk', room_role: '2', room_private: '1', room_moderate: '0' },
          { room_id: 3, room_name: 'Launch party', room_role: '2', room_private: '0', room_moderate: '1' },
        ],
        length: 3,
      });
    } finally {
      await fresh.stop();
    }
  });

  it('starts empty with seed: false', () => {
    const empty = createIflychatEmulator({ seed: false });
    expect(empty.rooms.size).toBe(0);
    expect(empty.state.messages).toHaveLength(0);
  });

  it('requires room_name and room_role on create and checks flags', async () => {
    expect((await json('room/create', { api_key: KEY, room_role: '1' })).body).toEqual({
      error: 'room_name is required',
    });
    const noRole = await json('room/create', { api_key: KEY, room_name: 'x' });
    expect(noRole.status).toBe(400);
    expect(noRole.body).toEqual({ error: 'room_role is required' });
    const badFlag = await json('room/create', {
      api_key: KEY,
      room_name: 'x',
      room_role: '1',
      room_private: 'yes',
    });
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.error).toBe('room_private must be "0" or "1"');
  });

  it('creates rooms with increasing integer ids', async () => {
    const a = await json('room/create', { api_key: KEY, room_name: 'A', room_role: '1', room_private: '1' });
    const b = await json('room/create', { api_key: KEY, room_name: 'B', room_role: '1' });
    expect(typeof a.body.room_id).toBe('number');
    expect(b.body.room_id).toBe(a.body.room_id + 1);
    expect(emulator.rooms.get(a.body.room_id)?.room_private).toBe('1');
  });

  it('edit replaces all four fields: an omitted flag is reset to "0"', async () => {
    const { body } = await json('room/create', {
      api_key: KEY,
      room_name: 'Flags',
      room_role: '1',
      room_private: '1',
      room_moderate: '1',
    });
    const edit = await json(`room/${body.room_id}/edit`, {
      api_key: KEY,
      room_name: 'Flags 2',
      room_role: '2',
    });
    expect(edit).toMatchObject({ status: 200, body: { success: true } });
    expect(emulator.rooms.get(body.room_id)).toEqual({
      room_id: body.room_id,
      room_name: 'Flags 2',
      room_role: '2',
      room_private: '0',
      room_moderate: '0',
    });
  });

  it('answers 404 room not found for unknown or non-numeric room ids', async () => {
    for (const id of ['999', 'lobby']) {
      const res = await json(`room/${id}/edit`, { api_key: KEY, room_name: 'x', room_role: '1' });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'room not found' });
    }
    expect((await json('room/999/delete', { api_key: KEY })).status).toBe(404);
  });

  it('refuses to edit or delete the public room 0', async () => {
    expect((await json('room/0/delete', { api_key: KEY })).status).toBe(400);
    expect((await json('room/0/edit', { api_key: KEY, room_name: 'x', room_role: '1' })).status).toBe(400);
  });

  it('deletes a room', async () => {
    const { body } = await json('room/create', { api_key: KEY, room_name: 'Doomed', room_role: '0' });
    expect((await json(`room/${body.room_id}/delete`, { api_key: KEY })).body).toEqual({ success: true });
    expect(emulator.rooms.has(body.room_id)).toBe(false);
  });
});

describe('iFlyChat emulator: users and kick', () => {
  it('lists users online in a room and on the site', async () => {
    const lobby = await json('room/1/users', { api_key: KEY });
    expect(lobby.body.length).toBe(3);
    // Online order changes when another test (kick) takes a user off and on; compare as a set.
    expect(lobby.body.users.map((u: Loose) => u.user_id).sort()).toEqual(['0-17489213305kqzd', '1', '14']);
    expect(lobby.body.users.find((u: Loose) => u.user_id === '1')).toMatchObject({
      user_name: 'Maya Chen',
      user_role: 'admin',
      user_status: '1',
    });
    const publicRoom = await json('room/0/users', { api_key: KEY });
    expect(publicRoom.body.users.map((u: Loose) => u.user_id)).toEqual(['0-17489213305kqzd']);
    const site = await json('users/list', { api_key: KEY });
    // User 27 is online until the kick test (any order) takes them off the site.
    const siteIds = site.body.users.map((u: Loose) => u.user_id).sort();
    expect(siteIds).toEqual(expect.arrayContaining(['0-17489213305kqzd', '1', '14']));
    expect(siteIds.filter((id: string) => !['0-17489213305kqzd', '1', '14'].includes(id))).toEqual(
      emulator.state.lockouts.has('27') ? [] : ['27'],
    );
    expect((await json('room/77/users', { api_key: KEY })).status).toBe(404);
  });

  it('kick is site-wide with a 15-minute lockout', async () => {
    emulator.state.setOnline(3, { ...emulator.state.users.get('27')! });
    const res = await json('user/27/kick', { api_key: KEY });
    expect(res.body).toEqual({ success: true });
    expect(emulator.state.usersOnlineIn(2).map((u) => u.user_id)).not.toContain('27');
    expect(emulator.state.usersOnlineIn(3).map((u) => u.user_id)).not.toContain('27');
    expect(emulator.state.lockouts.get('27')).toBe(clock + 15 * 60_000);
    expect(emulator.state.isLockedOut('27')).toBe(true);
    clock += 15 * 60_000 + 1;
    expect(emulator.state.isLockedOut('27')).toBe(false);
  });
});

describe('iFlyChat emulator: history and publish', () => {
  const t = SEED_HISTORY_START;

  it('answers room mode with a top-level array, string room ids and times in seconds', async () => {
    const res = await json('threads/get', { api_key: KEY, room_id: '1' });
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.map((m: Loose) => m.time)).toEqual([t + 60, t + 150, t + 3600]);
    expect(res.body[0]).toEqual({
      message_id: `m_1_c-1_${(t + 60) * 1000 + 313}`,
      time: t + 60,
      from_id: '1',
      from_name: 'Maya Chen',
      message: 'Welcome to the lobby! Launch is on Friday.',
      room_id: '1',
      room_name: 'Lobby',
    });
  });

  it('filters by start/end timestamps in seconds, inclusive, and keeps the latest `limit`', async () => {
    const range = await json('threads/get', {
      api_key: KEY,
      room_id: '1',
      start_timestamp: String(t + 150),
      end_timestamp: String(t + 3600),
    });
    expect(range.body.map((m: Loose) => m.time)).toEqual([t + 150, t + 3600]);
    const limited = await json('threads/get', { api_key: KEY, room_id: '1', limit: '2' });
    expect(limited.body.map((m: Loose) => m.time)).toEqual([t + 150, t + 3600]);
    const ms = await json('threads/get', {
      api_key: KEY,
      room_id: '1',
      start_timestamp: String((t + 150) * 1000),
    });
    expect(ms.body).toEqual([]);
    expect((await json('threads/get', { api_key: KEY, room_id: '1', limit: 'ten' })).status).toBe(400);
  });

  it('shifts times by timezone_offset (ms east of UTC)', async () => {
    const res = await json('threads/get', { api_key: KEY, room_id: '0', timezone_offset: '19800000' });
    expect(res.body[0].time).toBe(t + 19800);
  });

  it('accepts several rooms as a JSON array, repeated keys, room_id[] and room_id[0]', async () => {
    const expected = [t, t + 60, t + 150, t + 3600];
    expect(
      (await json('threads/get', { api_key: KEY, room_id: ['0', '1'] })).body.map((m: Loose) => m.time),
    ).toEqual(expected);
    for (const pairs of [
      [
        ['room_id', '0'],
        ['room_id', '1'],
      ],
      [
        ['room_id[]', '0'],
        ['room_id[]', '1'],
      ],
      [
        ['room_id[1]', '1'],
        ['room_id[0]', '0'],
      ],
    ] as [string, string][][]) {
      const res = await form('threads/get', [['api_key', KEY], ...pairs]);
      expect(res.body.map((m: Loose) => m.time)).toEqual(expected);
    }
  });

  it('supports user and pair modes; pair items carry to_id/to_name', async () => {
    const pair = await json('threads/get', { api_key: KEY, from_id: '14', to_id: '1' });
    expect(pair.body).toHaveLength(1);
    expect(pair.body[0]).toMatchObject({ from_id: '1', to_id: '14', to_name: 'Ravi Patel' });
    expect(pair.body[0].room_id).toBeUndefined();
    const userRooms = await json('threads/get', { api_key: KEY, user_id: ['14'], thread_filter: 'room' });
    expect(userRooms.body.map((m: Loose) => m.room_id)).toEqual(['1', '3']);
    const userPairs = await json('threads/get', { api_key: KEY, user_id: '14' });
    expect(userPairs.body.map((m: Loose) => m.to_id)).toEqual(['14']);
    const none = await json('threads/get', { api_key: KEY });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatch(/room_id/);
  });

  it('publish requires uid, name and message and adds to the room history', async () => {
    const missing = await json('room/2/publish', { api_key: KEY, uid: 'bot', name: 'Bot' });
    expect(missing).toMatchObject({ status: 400, body: { error: 'message is required' } });
    expect(
      (await json('room/999/publish', { api_key: KEY, uid: 'bot', name: 'Bot', message: 'x' })).status,
    ).toBe(404);
    const ok = await form('room/2/publish', [
      ['api_key', KEY],
      ['uid', 'bot'],
      ['name', 'Ops Bot'],
      ['message', 'Maintenance at 18:00'],
    ]);
    expect(ok.body).toEqual({ success: true });
    const history = await json('threads/get', { api_key: KEY, room_id: '2' });
    const last = history.body.at(-1);
    expect(last).toMatchObject({
      from_id: 'bot',
      from_name: 'Ops Bot',
      message: 'Maintenance at 18:00',
      room_id: '2',
      time: Math.floor(clock / 1000),
    });
    expect(last.message_id).toBe(`m_bot_c-2_${clock}`);
  });

  it('threads/delete removes a room history', async () => {
    // A room of its own: other tests read the seeded histories, in any order.
    const { body } = await json('room/create', { api_key: KEY, room_name: 'Chatty', room_role: '0' });
    const room = String(body.room_id);
    await json(`room/${room}/publish`, { api_key: KEY, uid: 'bot', name: 'Bot', message: 'to be cleared' });
    expect((await json('threads/get', { api_key: KEY, room_id: room })).body).toHaveLength(1);
    expect((await json('threads/delete', { api_key: KEY, room_id: room })).body).toEqual({ success: true });
    expect((await json('threads/get', { api_key: KEY, room_id: room })).body).toEqual([]);
  });
});

describe('iFlyChat emulator: limits and faults', () => {
  it('has no rate limit unless one is given', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => json('rooms/list', { api_key: KEY })));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });

  it('answers the rate limit per endpoint with 429, Retry-After and {"error"}', async () => {
    const limited = createIflychatEmulator({ rateLimitPerSecond: 2 });
    const url = await limited.start(0);
    const call = (path: string) =>
      fetch(`${url}/api/1.1/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: KEY }),
      });
    try {
      expect((await call('rooms/list')).status).toBe(200);
      expect((await call('rooms/list')).status).toBe(200);
      const third = await call('rooms/list');
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await third.json()).toEqual({ error: 'rate limit exceeded' });
      expect((await call('users/list')).status).toBe(200);
      expect(limited.server.rateLimitViolations).toBe(1);
    } finally {
      await limited.stop();
    }
  });

  it('answers an injected 5xx in the {"error"} shape', async () => {
    emulator.server.injectFault({ kind: 'status', status: 503, path: 'rooms/list' });
    const res = await json('rooms/list', { api_key: KEY });
    expect(res).toMatchObject({ status: 503, body: { error: 'service unavailable' } });
    expect((await json('rooms/list', { api_key: KEY })).status).toBe(200);
  });
});

describe('iFlyChat emulator: list fields in every spelling (property)', () => {
  it('readList returns the values in order whatever the spelling', () => {
    const value = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('json', 'brackets', 'indexed'),
        (values, style) => {
          let body: Record<string, unknown>;
          if (style === 'json') body = { room_id: values.length === 1 ? values[0] : values };
          else if (style === 'brackets') body = { 'room_id[]': values.length === 1 ? values[0] : values };
          else body = Object.fromEntries(values.map((v, i) => [`room_id[${i}]`, v]).reverse());
          expect(readList(body, 'room_id')).toEqual(values);
        },
      ),
    );
  });
});
