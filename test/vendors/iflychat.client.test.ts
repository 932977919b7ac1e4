import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { createIflychatEmulator } from '../../src/sandbox/iflychat/emulator.js';
import { SEED_HISTORY_START } from '../../src/sandbox/iflychat/seed.js';
import { iflychatAccount } from '../../src/vendors/account.js';
import { MissingAnnounceAsError, UnsupportedOperationError, VendorError } from '../../src/vendors/errors.js';
import type { RecordedRequest } from '../../src/vendors/http/types.js';
import { createIflychatClient } from '../../src/vendors/iflychat/client.js';
import { InputError } from '../../src/shared/coded-error.js';
import { PageRequestError } from '../../src/vendors/local-page.js';
import {
  decodeFlag,
  encodeFlag,
  fromVendorSeconds,
  toVendorSeconds,
} from '../../src/vendors/iflychat/wire.js';
import type { VendorClient } from '../../src/vendors/types.js';
import { vendorConformanceSuite } from './conformance-suite.js';

const KEY = SANDBOX_CREDENTIALS.iflychat.apiKey;
const ANNOUNCER = { id: 'roomops-bot', name: 'RoomOps' };
const emulator = createIflychatEmulator();
let baseUrl = '';
let client: VendorClient;
const extraClients: VendorClient[] = [];

function makeClient(overrides: Record<string, unknown> = {}, recorder?: RecordedRequest[]): VendorClient {
  const account = iflychatAccount.parse({
    vendor: 'iflychat',
    apiKey: KEY,
    baseUrl,
    timeoutMs: 2000,
    rateLimit: 1000,
    announceAs: ANNOUNCER,
    ...overrides,
  });
  const made = createIflychatClient(account, 'ifly', recorder ? { recorder } : {});
  extraClients.push(made);
  return made;
}

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

const requests = (path: string) => emulator.server.log.filter((r) => r.path.endsWith(path));

beforeAll(async () => {
  baseUrl = await emulator.start(0);
  client = makeClient();
});
afterAll(async () => {
  await Promise.all(extraClients.map((c) => c.close()));
  await emulator.stop();
});
beforeEach(() => {
  emulator.server.log.length = 0;
});
afterEach(() => emulator.server.clearFaults());

describe('iFlyChat client: shape', () => {
  it('lists exactly the operations iFlyChat supports, and takes a name at create', () => {
    expect([...client.capabilities].sort()).toEqual(
      [
        'announce.write',
        'create',
        'delete',
        'history',
        'info',
        'kick',
        'list',
        'members.list',
        'update',
      ].sort(),
    );
    expect(client.vendor).toBe('iflychat');
    expect(client.createKey).toBe('name');
  });

  it('rejects every other operation with UnsupportedOperationError naming what it supports', async () => {
    const calls: [string, () => Promise<unknown>][] = [
      ['status', () => client.setStatus('1', 'LIVE')],
      ['voice', () => client.setVoice('1', true)],
      ['mute', () => client.setMuteAll('1', true)],
      ['keepalive', () => client.setKeepAlive('1', true)],
      ['announce.read', () => client.getAnnouncement('1')],
      ['members.add', () => client.addMembers('1', ['14'])],
      ['members.remove', () => client.removeMembers('1', ['14'])],
    ];
    for (const [operation, call] of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedOperationError);
      expect((error as UnsupportedOperationError).operation).toBe(operation);
      expect((error as UnsupportedOperationError).supported).toContain('history');
    }
    expect(emulator.server.log).toHaveLength(0);
  });

  it('ping is one authenticated rooms/list', async () => {
    await client.ping();
    expect(emulator.server.log.map((r) => r.path)).toEqual(['/api/1.1/rooms/list']);
  });
});

describe('iFlyChat client: rooms', () => {
  it('creates a room with room_role 0 and flags off by default; id is a string', async () => {
    const room = await client.createRoom('Town hall', {});
    expect(room).toMatchObject({
      name: 'Town hall',
      room_name: 'Town hall',
      room_role: '0',
      room_private: '0',
      room_moderate: '0',
    });
    expect(typeof room.id).toBe('string');
    expect(room.room_id).toBe(Number(room.id));
    expect(emulator.rooms.get(Number(room.id))).toEqual({
      room_id: Number(room.id),
      room_name: 'Town hall',
      room_role: '0',
      room_private: '0',
      room_moderate: '0',
    });
  });

  it('sends boolean settings as "1"/"0" and the role as a string', async () => {
    const room = await client.createRoom('VIP lounge', {
      room_role: 2,
      room_private: true,
      room_moderate: false,
    });
    expect(emulator.rooms.get(Number(room.id))).toMatchObject({
      room_role: '2',
      room_private: '1',
      room_moderate: '0',
    });
  });

  it('rejects a setting iFlyChat does not have, before sending', async () => {
    const error = await client.createRoom('x', { maxusers: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).context.field).toBe('maxusers');
    expect(emulator.server.log).toHaveLength(0);
  });

  it('lists rooms with string ids and the vendor fields', async () => {
    const page = await client.listRooms({});
    expect(page.cursor).toBeUndefined();
    expect(page.items[0]).toEqual({
      id: '1',
      name: 'Lobby',
      room_id: 1,
      room_name: 'Lobby',
      room_role: '0',
      room_private: '0',
      room_moderate: '0',
    });
    for (const room of page.items) expect(typeof room.id).toBe('string');
  });

  it('pages the full list locally with limit and an opaque cursor', async () => {
    // Rooms of its own, so the count does not hang on which tests ran before.
    await client.createRoom('Paging A', {});
    await client.createRoom('Paging B', {});
    const all = (await client.listRooms({})).items.map((r) => r.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.listRooms(cursor ? { limit: 2, cursor } : { limit: 2 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.cursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('refuses a cursor it did not hand out, before sending', async () => {
    const error = await client.listRooms({ limit: 2, cursor: 'not-a-cursor' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PageRequestError);
    expect((error as PageRequestError).field).toBe('cursor');
    expect(emulator.server.log).toHaveLength(0);
  });

  it('info filters rooms/list: one outcome per id, one request', async () => {
    const outcomes = await client.getRooms(['2', '404', '0']);
    expect(emulator.server.log).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({
      id: '2',
      ok: true,
      value: { id: '2', name: 'Support desk', room_private: '1' },
    });
    const missing = outcomes[1]!;
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('vendor_not_found');
    const publicRoom = outcomes[2]!;
    if (publicRoom.ok) throw new Error('room 0 is not listed by rooms/list');
    expect(publicRoom.error.message).toMatch(/built-in public chat room/);
  });

  it('update reads the room first and sends all four fields, so a rename keeps the flags', async () => {
    const room = await client.createRoom('Moderated', {
      room_role: '2',
      room_private: true,
      room_moderate: true,
    });
    emulator.server.log.length = 0;
    const updated = await client.updateRoom(room.id, { room_name: 'Moderated (renamed)' });
    expect(emulator.server.log.map((r) => r.path)).toEqual([
      '/api/1.1/rooms/list',
      `/api/1.1/room/${room.id}/edit`,
    ]);
    expect(emulator.rooms.get(Number(room.id))).toEqual({
      room_id: Number(room.id),
      room_name: 'Moderated (renamed)',
      room_role: '2',
      room_private: '1',
      room_moderate: '1',
    });
    expect(updated).toMatchObject({
      id: room.id,
      name: 'Moderated (renamed)',
      room_private: '1',
      room_moderate: '1',
    });
  });

  it('update carries "0" for a role or flag the list leaves out, never a placeholder', async () => {
    const room = await client.createRoom('Sparse', {});
    // A list entry with only id and name, as the docs allow (room_role and the flags are optional there).
    const stored = emulator.rooms.get(Number(room.id))!;
    emulator.rooms.set(Number(room.id), { room_id: stored.room_id, room_name: 'Sparse' } as typeof stored);
    await client.updateRoom(room.id, { room_moderate: true });
    expect(emulator.rooms.get(Number(room.id))).toMatchObject({
      room_name: 'Sparse',
      room_role: '0',
      room_private: '0',
      room_moderate: '1',
    });
  });

  it('update with all four fields sends the edit alone', async () => {
    const updated = await client.updateRoom('3', {
      room_name: 'Launch',
      room_role: '1',
      room_private: false,
      room_moderate: false,
    });
    expect(emulator.server.log.map((r) => r.path)).toEqual(['/api/1.1/room/3/edit']);
    expect(updated).toMatchObject({
      id: '3',
      name: 'Launch',
      room_id: 3,
      room_role: '1',
      room_moderate: '0',
    });
    expect(emulator.rooms.get(3)?.room_name).toBe('Launch');
  });

  it('update of an unknown room is vendor_not_found', async () => {
    const error = await failure(client.updateRoom('9999', { room_name: 'x' }));
    expect(error.code).toBe('vendor_not_found');
    expect(error.message).toContain('9999');
  });

  it('deletes several rooms with one outcome each', async () => {
    const a = await client.createRoom('Temp A', {});
    const outcomes = await client.deleteRooms([a.id, '9999']);
    expect(outcomes[0]).toEqual({ id: a.id, ok: true, value: true });
    const second = outcomes[1]!;
    if (second.ok) throw new Error('expected a failure');
    expect(second.error.code).toBe('vendor_not_found');
    expect(second.error.message).toContain('room not found');
    expect(second.error.details.status).toBe(404);
    expect(emulator.rooms.has(Number(a.id))).toBe(false);
  });
});

describe('iFlyChat client: members, kick, announce, history', () => {
  it('members are the users online in the room, paged locally', async () => {
    const page = await client.listMembers('1', {});
    expect(page.items.map((m) => m.id)).toEqual(['1', '14', '0-17489213305kqzd']);
    expect(page.items[0]).toMatchObject({ id: '1', name: 'Maya Chen', user_role: 'admin' });
    const first = await client.listMembers('1', { limit: 2 });
    expect(first.items.map((m) => m.id)).toEqual(['1', '14']);
    const second = await client.listMembers('1', { limit: 2, cursor: first.cursor! });
    expect(second.items.map((m) => m.id)).toEqual(['0-17489213305kqzd']);
    expect(second.cursor).toBeUndefined();
    expect((await failure(client.listMembers('4242', {}))).code).toBe('vendor_not_found');
  });

  it('kick is site-wide with a 15-minute lockout', async () => {
    // A user of its own: the members test expects the seeded lobby intact.
    emulator.state.setOnline(3, { ...emulator.state.users.get('27')! });
    const result = await client.kick('3', '27', {});
    expect(result).toEqual({ room: '3', user: '27', siteWide: true, lockoutMinutes: 15 });
    expect(emulator.server.log.map((r) => r.path)).toEqual(['/api/1.1/user/27/kick']);
    expect(emulator.state.isLockedOut('27')).toBe(true);
    expect(emulator.state.usersOnlineIn(3).map((u) => u.user_id)).not.toContain('27');
    await expect(client.kick('3', '27', { minute: 30 })).rejects.toBeInstanceOf(InputError);
  });

  it('announce publishes a chat message as the announceAs user', async () => {
    const announcement = await client.setAnnouncement('2', 'Desk closes early today');
    expect(announcement).toEqual({
      room: '2',
      text: 'Desk closes early today',
      postedAs: ANNOUNCER,
      pinned: false,
    });
    const last = emulator.state.messages.at(-1)!;
    expect(last).toMatchObject({
      room_id: 2,
      from_id: 'roomops-bot',
      from_name: 'RoomOps',
      message: 'Desk closes early today',
    });
  });

  it('announce without announceAs fails naming accounts.<name>.announceAs and sends nothing', async () => {
    const bare = makeClient({ announceAs: undefined });
    const error = await bare.setAnnouncement('2', 'hi').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingAnnounceAsError);
    expect(error).not.toBeInstanceOf(VendorError);
    expect((error as Error).message).toContain('accounts.ifly.announceAs');
    expect(emulator.server.log).toHaveLength(0);
  });

  it('announce into an unknown room is vendor_not_found', async () => {
    expect((await failure(client.setAnnouncement('5555', 'x'))).code).toBe('vendor_not_found');
  });

  it('history converts vendor seconds to ISO times and keeps the vendor fields', async () => {
    const messages = await client.history('1', {});
    expect(messages.slice(0, 3).map((m) => m.time)).toEqual([
      '2025-06-02T09:16:00.000Z',
      '2025-06-02T09:17:30.000Z',
      '2025-06-02T10:15:00.000Z',
    ]);
    expect(messages[0]).toMatchObject({
      id: `m_1_c-1_${(SEED_HISTORY_START + 60) * 1000 + 313}`,
      from: '1',
      from_name: 'Maya Chen',
      text: 'Welcome to the lobby! Launch is on Friday.',
      room_id: '1',
      room_name: 'Lobby',
      timestamp: SEED_HISTORY_START + 60,
    });
  });

  it('history sends since/until as seconds, so the vendor filters on them', async () => {
    const messages = await client.history('1', {
      since: new Date('2025-06-02T09:17:30.400Z'),
      until: new Date('2025-06-02T10:15:00.000Z'),
    });
    expect(messages.map((m) => m.time)).toEqual(['2025-06-02T09:17:30.000Z', '2025-06-02T10:15:00.000Z']);
    const latest = await client.history('1', { limit: 1, until: new Date('2025-06-02T09:20:00Z') });
    expect(latest.map((m) => m.text)).toEqual(['Will the recording be shared afterwards?']);
  });

  it('history of room 0 (the public room) works', async () => {
    const messages = await client.history('0', { until: new Date('2025-06-03T00:00:00Z') });
    expect(messages.map((m) => m.from)).toEqual(['0-17489213305kqzd']);
    expect(messages[0]?.room_name).toBe('Public Chatroom');
  });
});

describe('iFlyChat client: authentication and errors', () => {
  it('a wrong api_key is vendor_auth, naming the config field and never the key', async () => {
    const wrongKey = 'wrong-ifly-key-123456';
    const bad = makeClient({ apiKey: wrongKey });
    for (const call of [
      () => bad.listRooms({}),
      () => bad.createRoom('x', {}),
      () => bad.kick('1', '1', {}),
    ]) {
      const error = await failure(call());
      expect(error.code).toBe('vendor_auth');
      expect(error.details.status).toBe(403);
      expect(error.message).toContain('accounts.ifly.apiKey');
      expect(error.message).toContain('invalid api_key');
      expect(JSON.stringify(error.toJSON())).not.toContain(wrongKey);
      expect(error.message).not.toContain(KEY);
    }
    expect(requests('room/create')).toHaveLength(1);
  });
});

describe('iFlyChat client: faults', () => {
  it('a 200 carrying an error body is vendor_rejected', async () => {
    emulator.server.injectFault({ kind: 'status', status: 200, path: 'rooms/list' });
    const error = await failure(client.listRooms({}));
    expect(error.code).toBe('vendor_rejected');
  });
});

vendorConformanceSuite({
  vendor: 'iflychat',
  createEmulator: createIflychatEmulator,
  client: (url, timeoutMs, options) =>
    createIflychatClient(
      iflychatAccount.parse({ vendor: 'iflychat', apiKey: KEY, baseUrl: url, timeoutMs, rateLimit: 1000 }),
      'ifly',
      options,
    ),
  read: () => ({
    method: 'POST',
    path: '/api/1.1/rooms/list',
    operation: 'rooms/list',
    run: (c) => c.listRooms({}),
  }),
  write: {
    method: 'POST',
    path: '/api/1.1/room/create',
    run: (c, tag) => c.createRoom(tag, {}),
    acted: (e, tag) => [...e.rooms.values()].filter((r) => r.room_name === tag).length,
  },
  serverErrorMessage: 'internal server error',
});

describe('iFlyChat client: dry run', () => {
  it('records the exact request with the api_key redacted and sends nothing', async () => {
    const recorder: RecordedRequest[] = [];
    const dry = makeClient({}, recorder);
    await dry.createRoom('Dry room', { room_private: true });
    expect(recorder).toEqual([
      {
        method: 'POST',
        url: `${baseUrl}/api/1.1/room/create`,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: {
          api_key: '[redacted]',
          room_role: '0',
          room_private: '1',
          room_moderate: '0',
          room_name: 'Dry room',
        },
      },
    ]);
    expect(JSON.stringify(recorder)).not.toContain(KEY);
    expect(emulator.server.log).toHaveLength(0);
  });

  it('records every request of a several-room delete', async () => {
    const recorder: RecordedRequest[] = [];
    const dry = makeClient({}, recorder);
    await dry.deleteRooms(['1', '2']);
    expect(recorder.map((r) => r.url)).toEqual([
      `${baseUrl}/api/1.1/room/1/delete`,
      `${baseUrl}/api/1.1/room/2/delete`,
    ]);
    expect(emulator.server.log).toHaveLength(0);
  });

  it('shows both requests of an update, the carried-over values marked', async () => {
    const recorder: RecordedRequest[] = [];
    const dry = makeClient({}, recorder);
    await dry.updateRoom('2', { room_moderate: true });
    expect(recorder.map((r) => r.url)).toEqual([
      `${baseUrl}/api/1.1/rooms/list`,
      `${baseUrl}/api/1.1/room/2/edit`,
    ]);
    expect(recorder[1]?.body).toEqual({
      api_key: '[redacted]',
      room_name: '<current room_name>',
      room_role: '<current room_role>',
      room_private: '<current room_private>',
      room_moderate: '1',
    });
    expect(emulator.server.log).toHaveLength(0);
  });

  it('history in dry run shows since/until as epoch seconds', async () => {
    const recorder: RecordedRequest[] = [];
    const dry = makeClient({}, recorder);
    await dry.history('5', {
      since: new Date('2015-06-01T07:10:14.999Z'),
      until: new Date('2015-08-25T08:38:20Z'),
      limit: 3,
    });
    expect(recorder[0]?.body).toEqual({
      api_key: '[redacted]',
      room_id: '5',
      timezone_offset: '0',
      start_timestamp: '1433142614',
      end_timestamp: '1440491900',
      limit: '3',
    });
  });
});

describe('iFlyChat client: pacing', () => {
  it('paces itself under rateLimit so the vendor limit is never hit', async () => {
    const limited = createIflychatEmulator({ rateLimitPerSecond: 5 });
    const url = await limited.start(0);
    const paced = createIflychatClient(
      iflychatAccount.parse({ vendor: 'iflychat', apiKey: KEY, baseUrl: url, rateLimit: 5 }),
      'ifly',
    );
    try {
      // Warm the connection first so connection set-up does not skew arrival times.
      await paced.ping();
      await new Promise((r) => setTimeout(r, 1100));
      await Promise.all(Array.from({ length: 8 }, () => paced.ping()));
      expect(limited.server.log).toHaveLength(9);
      expect(limited.server.rateLimitViolations).toBe(0);
      expect(limited.server.log.every((r) => r.status === 200)).toBe(true);
    } finally {
      await paced.close();
      await limited.stop();
    }
  });
});

describe('iFlyChat encodings (properties)', () => {
  it('times go out as whole seconds and come back within the same second', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }), (date) => {
        const sent = toVendorSeconds(date);
        expect(sent).toMatch(/^\d+$/);
        const back = Date.parse(fromVendorSeconds(Number(sent)));
        expect(date.getTime() - back).toBeGreaterThanOrEqual(0);
        expect(date.getTime() - back).toBeLessThan(1000);
      }),
    );
  });

  it('flags round-trip', () => {
    fc.assert(
      fc.property(fc.boolean(), (on) => {
        expect(decodeFlag(encodeFlag(on))).toBe(on);
      }),
    );
  });
});
