import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { createWatchersEmulator, type WatchersEmulator } from '../../src/sandbox/watchers/emulator.js';
import type { WatchersAccount } from '../../src/vendors/account.js';
import {
  isVendorError,
  MissingAnnounceAsError,
  UnsupportedOperationError,
  type VendorError,
} from '../../src/vendors/errors.js';
import type { RecordedRequest } from '../../src/vendors/http/types.js';
import type { VendorClient } from '../../src/vendors/types.js';
import { createWatchersClient } from '../../src/vendors/watchers/client.js';
import { classifyWatchers, watchersRequestId } from '../../src/vendors/watchers/errors.js';
import { onlyItem, vendorConformanceSuite } from './conformance-suite.js';

const { apiKey, token } = SANDBOX_CREDENTIALS.watchers;
const SECRETS = [apiKey, token];

function accountFor(baseUrl: string, overrides: Partial<WatchersAccount> = {}): WatchersAccount {
  return {
    vendor: 'watchers',
    baseUrl,
    timeoutMs: 5000,
    apiKey,
    token,
    announceAs: { id: 'roomops-bot', name: 'RoomOps' },
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  try {
    await promise;
  } catch (error) {
    if (isVendorError(error)) return error;
    throw error;
  }
  throw new Error('expected a VendorError, the call succeeded');
}

function expectNoSecret(error: VendorError): void {
  const shown = `${error.message} ${JSON.stringify(error.toJSON())}`;
  for (const secret of SECRETS) expect(shown).not.toContain(secret);
}

describe('Watchers client against the emulator', () => {
  let emulator: WatchersEmulator;
  let base: string;
  let client: VendorClient;
  const clients: VendorClient[] = [];
  const make = (overrides: Partial<WatchersAccount> = {}, recorder?: RecordedRequest[]) => {
    const c = createWatchersClient(accountFor(base, overrides), 'watch-test', recorder ? { recorder } : {});
    clients.push(c);
    return c;
  };
  const requestsTo = (path: string) => emulator.server.log.filter((r) => r.path === path);

  beforeAll(async () => {
    emulator = createWatchersEmulator();
    base = await emulator.start(0);
    client = make();
  });
  afterEach(() => emulator.server.clearFaults());
  afterAll(async () => {
    for (const c of clients) await c.close();
    await emulator.stop();
  });

  describe('shape', () => {
    it('declares exactly the operations the capability matrix gives Watchers, keyed by caller id', () => {
      expect(client.vendor).toBe('watchers');
      expect(client.createKey).toBe('id');
      expect([...client.capabilities].sort()).toEqual(
        ['announce.write', 'create', 'delete', 'info', 'kick', 'list', 'status', 'voice'].sort(),
      );
    });

    it('refuses the other operations, naming what it supports', async () => {
      const calls: [string, () => Promise<unknown>][] = [
        ['update', () => client.updateRoom('match-day', { name: 'x' })],
        ['mute', () => client.setMuteAll('match-day', true)],
        ['keepalive', () => client.setKeepAlive('match-day', true)],
        ['announce.read', () => client.getAnnouncement('match-day')],
        ['members.list', () => client.listMembers('match-day', {})],
        ['members.add', () => client.addMembers('match-day', ['u'])],
        ['members.remove', () => client.removeMembers('match-day', ['u'])],
        ['history', () => client.history('match-day', {})],
      ];
      for (const [operation, call] of calls) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UnsupportedOperationError);
        expect((error as UnsupportedOperationError).operation).toBe(operation);
        expect((error as Error).message).toContain(
          'create, list, info, delete, status, voice, announce.write, kick',
        );
      }
    });
  });

  describe('operations', () => {
    it('ping succeeds with good credentials', async () => {
      await expect(client.ping()).resolves.toBeUndefined();
    });

    it('creates a room under the caller id, times sent as ISO 8601 UTC', async () => {
      const room = await client.createRoom('cl-create', {
        name: 'Client Room',
        about: 'Made by the client',
        isSpeak: true,
        startTime: new Date('2099-02-03T04:05:06.789Z'),
        endTime: new Date('2099-02-03T06:00:00Z'),
      });
      expect(room.id).toBe('cl-create');
      expect(room.name).toBe('Client Room');
      expect(room).toMatchObject({ status: 'SOON', isSpeak: true, startTime: '2099-02-03T04:05:06.789Z' });
      expect(typeof room.internalId).toBe('number');
      const stored = emulator.rooms.get('cl-create');
      expect(stored?.endTime).toBe('2099-02-03T06:00:00.000Z');
      expect(stored?.about).toBe('Made by the client');
    });

    it('sends isSpeak false when not given', async () => {
      const room = await client.createRoom('cl-quiet', { name: 'Quiet', about: 'no voice' });
      expect(room).toMatchObject({ id: 'cl-quiet', isSpeak: false, status: 'LIVE' });
    });

    it('reports a duplicate id as vendor_rejected with the vendor text', async () => {
      const error = await failure(client.createRoom('match-day', { name: 'Dup', about: 'dup' }));
      expect(error.code).toBe('vendor_rejected');
      expect(error.details.status).toBe(409);
      expect(error.message).toContain('Room with roomId match-day already exists');
      expect(error.details.vendorCode).toBe('Conflict');
    });

    it('reports missing required fields as vendor_rejected naming them', async () => {
      const error = await failure(client.createRoom('cl-bad', { name: 'No about' }));
      expect(error.code).toBe('vendor_rejected');
      expect(error.details.vendorMessage).toContain('about should not be empty');
      expect(emulator.rooms.has('cl-bad')).toBe(false);
    });

    it('lists SOON and LIVE rooms from the premade list with string ids and names', async () => {
      const page = await client.listRooms({});
      const ids = page.items.map((r) => r.id);
      expect(ids).toContain('concert-live');
      expect(ids).toContain('match-day');
      expect(ids).not.toContain('quiz-night');
      expect(page.cursor).toBeUndefined();
      const concert = page.items.find((r) => r.id === 'concert-live');
      expect(concert).toMatchObject({ name: 'Concert Live', status: 'LIVE' });
      expect(typeof concert?.internalId).toBe('number');
    });

    it('pages the premade list with limit and cursor', async () => {
      const all = (await client.listRooms({})).items.map((r) => r.id);
      const first = await client.listRooms({ limit: 1 });
      expect(first.items.map((r) => r.id)).toEqual([all[0]]);
      expect(first.cursor).toBe('1');
      const rest = await client.listRooms({ limit: 100, cursor: first.cursor! });
      expect(rest.items.map((r) => r.id)).toEqual(all.slice(1));
      expect(rest.cursor).toBeUndefined();
    });

    it('never puts the apiKey of the list request on display', async () => {
      emulator.server.injectFault({ kind: 'status', status: 500, path: '/room/premade', count: 3 });
      const error = await failure(client.listRooms({}));
      expect(error.code).toBe('vendor_unavailable');
      expectNoSecret(error);
      expect(
        requestsTo('/room/premade')
          .slice(-3)
          .map((r) => r.status),
      ).toEqual([500, 500, 500]);
    });

    it('reads rooms one by one, each with its own outcome', async () => {
      const outcomes = await client.getRooms(['quiz-night', 'no-such-room']);
      expect(outcomes[0]).toMatchObject({
        id: 'quiz-night',
        ok: true,
        value: { id: 'quiz-night', name: 'Quiz Night', status: 'ENDED' },
      });
      const missing = outcomes[1]!;
      expect(missing.ok).toBe(false);
      if (!missing.ok) {
        expect(missing.error.code).toBe('vendor_not_found');
        expect(missing.error.message).toContain('no-such-room');
        expect(missing.error.details.vendorMessage).toBe('Room not found');
      }
    });

    it('URL-encodes room ids in paths', async () => {
      await client.createRoom('cl/odd id?', { name: 'Odd', about: 'odd' });
      const [outcome] = await client.getRooms(['cl/odd id?']);
      expect(outcome).toMatchObject({ ok: true, value: { id: 'cl/odd id?' } });
    });

    it('deletes rooms and reports an unknown one per item', async () => {
      await client.createRoom('cl-delete', { name: 'Del', about: 'del' });
      const outcomes = await client.deleteRooms(['cl-delete', 'no-such-room']);
      expect(outcomes[0]).toEqual({ id: 'cl-delete', ok: true, value: true });
      expect(outcomes[1]?.ok).toBe(false);
      expect(emulator.rooms.has('cl-delete')).toBe(false);
    });

    it('sets the status with POST /external/room/status and returns the re-read room', async () => {
      await client.createRoom('cl-status', { name: 'St', about: 'st' });
      const speakBefore = requestsTo('/external/room/speak').length;
      const room = await client.setStatus('cl-status', 'ENDED');
      expect(room).toMatchObject({ id: 'cl-status', status: 'ENDED', name: 'St' });
      expect(emulator.rooms.get('cl-status')?.status).toBe('ENDED');
      expect(requestsTo('/external/room/status').at(-1)).toMatchObject({ method: 'POST', status: 201 });
      expect(requestsTo('/external/room/speak').length).toBe(speakBefore);
      const unknown = await failure(client.setStatus('no-such-room', 'LIVE'));
      expect(unknown.code).toBe('vendor_not_found');
    });

    it('switches voice with /external/room/speak', async () => {
      const on = await client.setVoice('match-day', true);
      expect(on).toMatchObject({ id: 'match-day', isSpeak: true });
      const off = await client.setVoice('match-day', false);
      expect(off.isSpeak).toBe(false);
      expect(emulator.rooms.get('match-day')?.isSpeak).toBe(false);
    });

    it('announces by posting a message as the announceAs user', async () => {
      const announcement = await client.setAnnouncement('concert-live', 'Encore in 5 minutes');
      expect(announcement).toMatchObject({
        room: 'concert-live',
        text: 'Encore in 5 minutes',
        postedAs: { id: 'roomops-bot', name: 'RoomOps' },
      });
      expect(typeof announcement.messageId).toBe('string');
      expect(emulator.state.messages.at(-1)).toMatchObject({
        userId: 'roomops-bot',
        roomId: 'concert-live',
        text: 'Encore in 5 minutes',
      });
    });

    it('refuses to announce without announceAs, naming the config path, sending nothing', async () => {
      const bare = make({ announceAs: undefined });
      const before = emulator.server.log.length;
      const error = await bare.setAnnouncement('concert-live', 'hi').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingAnnounceAsError);
      expect((error as Error).message).toContain('accounts.watch-test.announceAs');
      expect(emulator.server.log.length).toBe(before);
    });

    it('kicks by banning the user from the room, and says so', async () => {
      const result = await client.kick('concert-live', 'troll-1', {
        expires: new Date('2099-01-01T00:00:00Z'),
        reason: 'FLOOD',
        description: 'spam links',
      });
      expect(result).toMatchObject({
        room: 'concert-live',
        user: 'troll-1',
        banned: true,
        banType: 'IN_ROOM',
        expires: '2099-01-01T00:00:00.000Z',
        reason: 2,
      });
      expect(String(result.note)).toContain('banned');
      expect(emulator.state.bans.at(-1)).toMatchObject({
        userId: 'troll-1',
        type: 'IN_ROOM',
        roomId: 'concert-live',
        reason: 2,
        description: 'spam links',
        expires: '2099-01-01T00:00:00.000Z',
      });
      expect(emulator.state.isBanned('troll-1', 'concert-live')).toBe(true);
      const unknown = await failure(client.kick('no-such-room', 'troll-1', {}));
      expect(unknown.code).toBe('vendor_not_found');
    });
  });

  describe('authentication failures', () => {
    it('an unknown API key is vendor_auth (404 Project not found), without the key in the error', async () => {
      const wrong = make({ apiKey: 'wrong-api-key-123456' });
      const ping = await failure(wrong.ping());
      expect(ping.code).toBe('vendor_auth');
      expect(ping.details.status).toBe(404);
      expect(ping.details.vendorMessage).toBe('Project not found');
      expectNoSecret(ping);
      expect(ping.message).not.toContain('wrong-api-key-123456');
      const list = await failure(wrong.listRooms({}));
      expect(list.code).toBe('vendor_auth');
      expect(list.message).not.toContain('wrong-api-key-123456');
      const [outcome] = await wrong.getRooms(['match-day']);
      expect(outcome?.ok === false && outcome.error.code).toBe('vendor_auth');
    });

    it('a bad bearer token is vendor_auth (403), without the token in the error', async () => {
      const wrong = make({ token: 'wrong-bearer-token-987' });
      const error = await failure(wrong.createRoom('cl-auth', { name: 'n', about: 'a' }));
      expect(error.code).toBe('vendor_auth');
      expect(error.details.status).toBe(403);
      expect(error.message).not.toContain('wrong-bearer-token-987');
      expectNoSecret(error);
      expect(emulator.rooms.has('cl-auth')).toBe(false);
      expect((await failure(wrong.ping())).code).toBe('vendor_auth');
    });
  });

  describe('faults', () => {
    it('does not retry a delete whose answer came too late (the room is gone; a repeat would say not found)', async () => {
      await client.createRoom('cl-late-delete', { name: 'Late', about: 'late' });
      const slow = make({ timeoutMs: 300 });
      emulator.server.injectFault({
        kind: 'delay_after',
        delayMs: 1000,
        path: '/external/room/cl-late-delete',
      });
      const [outcome] = await slow.deleteRooms(['cl-late-delete']);
      expect(outcome?.ok === false && outcome.error.code).toBe('vendor_timeout');
      expect(requestsTo('/external/room/cl-late-delete').filter((r) => r.method === 'DELETE')).toHaveLength(
        1,
      );
      expect(emulator.rooms.has('cl-late-delete')).toBe(false);
    });

    it('does not retry a delete after a 5xx', async () => {
      emulator.server.injectFault({ kind: 'status', status: 503, path: '/external/room/quiz-night' });
      const before = requestsTo('/external/room/quiz-night').filter((r) => r.method === 'DELETE').length;
      const [outcome] = await client.deleteRooms(['quiz-night']);
      expect(outcome?.ok === false && outcome.error.code).toBe('vendor_unavailable');
      expect(
        requestsTo('/external/room/quiz-night').filter((r) => r.method === 'DELETE').length - before,
      ).toBe(1);
      expect(emulator.rooms.has('quiz-night')).toBe(true);
    });

    it('does not retry a reset connection for an announcement (it could post twice)', async () => {
      emulator.server.injectFault({ kind: 'reset', path: '/external/message/send' });
      const count = emulator.state.messages.length;
      const error = await failure(client.setAnnouncement('concert-live', 'once'));
      expect(error.code).toBe('vendor_unavailable');
      expect(emulator.state.messages.length).toBe(count);
    });
  });
});

vendorConformanceSuite({
  vendor: 'watchers',
  createEmulator: createWatchersEmulator,
  client: (url, timeoutMs, options) =>
    createWatchersClient(accountFor(url, { timeoutMs }), 'watch-test', options),
  read: () => ({
    method: 'GET',
    path: '/external/room/concert-live',
    run: (c) => onlyItem(c.getRooms(['concert-live'])),
  }),
  write: {
    method: 'POST',
    path: '/external/room',
    run: (c, tag) => c.createRoom(tag, { name: 'n', about: 'a' }),
    acted: (e, tag) => (e.rooms.has(tag) ? 1 : 0),
  },
  serverErrorMessage: 'Bad Gateway',
});

describe('Watchers client dry-run', () => {
  let emulator: WatchersEmulator;
  let base: string;

  beforeAll(async () => {
    emulator = createWatchersEmulator();
    base = await emulator.start(0);
  });
  afterAll(() => emulator.stop());

  async function dryRun(run: (client: VendorClient) => Promise<unknown>): Promise<RecordedRequest[]> {
    const recorder: RecordedRequest[] = [];
    const client = createWatchersClient(accountFor(base), 'watch-test', { recorder });
    await run(client);
    await client.close();
    return recorder;
  }

  it('records a create with every credential redacted and sends nothing', async () => {
    const recorded = await dryRun((c) =>
      c.createRoom('dry-room', { name: 'Dry', about: 'run', startTime: new Date('2099-05-05T05:05:05Z') }),
    );
    expect(recorded).toHaveLength(1);
    const [request] = recorded;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${base}/external/room`);
    expect(request?.headers['x-api-key']).toBe('[redacted]');
    expect(request?.headers.authorization).toBe('[redacted]');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      roomId: 'dry-room',
      isSpeak: false,
      name: 'Dry',
      about: 'run',
      startTime: '2099-05-05T05:05:05.000Z',
    });
    expect(JSON.stringify(recorded)).not.toContain(apiKey);
    expect(JSON.stringify(recorded)).not.toContain(token);
    expect(emulator.server.log).toEqual([]);
    expect(emulator.rooms.has('dry-room')).toBe(false);
  });

  it('records the list URL with the apiKey query value redacted', async () => {
    const [request] = await dryRun((c) => c.listRooms({}));
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`${base}/room/premade?apiKey=[redacted]`);
    expect(request?.url).not.toContain(apiKey);
    expect(request?.headers['x-api-key']).toBeUndefined();
    expect(emulator.server.log).toEqual([]);
  });

  it('records the status change to /external/room/status, one request only', async () => {
    const recorded = await dryRun((c) => c.setStatus('match-day', 'DISABLED'));
    expect(recorded).toEqual([
      {
        method: 'POST',
        url: `${base}/external/room/status`,
        headers: expect.objectContaining({ 'x-api-key': '[redacted]', authorization: '[redacted]' }),
        body: { roomId: 'match-day', status: 'DISABLED' },
      },
    ]);
    expect(emulator.rooms.get('match-day')?.status).toBe('SOON');
  });

  it('records one request per room of a several-room delete', async () => {
    const recorded = await dryRun((c) => c.deleteRooms(['match-day', 'quiz-night']));
    expect(recorded.map((r) => `${r.method} ${r.url}`)).toEqual([
      `DELETE ${base}/external/room/match-day`,
      `DELETE ${base}/external/room/quiz-night`,
    ]);
    expect(emulator.rooms.has('match-day')).toBe(true);
  });

  it('records kick as an IN_ROOM ban and announce as a message', async () => {
    const [ban] = await dryRun((c) => c.kick('concert-live', 'u-9', {}));
    expect(ban?.url).toBe(`${base}/external/ban`);
    expect(ban?.body).toEqual({ userId: 'u-9', value: true, type: 'IN_ROOM', roomId: 'concert-live' });
    const [message] = await dryRun((c) => c.setAnnouncement('concert-live', 'hello'));
    expect(message?.body).toEqual({ userId: 'roomops-bot', roomId: 'concert-live', text: 'hello' });
    expect(emulator.server.log).toEqual([]);
  });
});

describe('Watchers error classification', () => {
  const spec = {
    method: 'GET' as const,
    path: '/external/room/r1',
    idempotent: true,
    operation: 'external/room (get)',
  };
  const response = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers,
    body,
    text: JSON.stringify(body),
  });

  it('maps the older {error} bodies and 401 to vendor_auth', () => {
    const error = classifyWatchers(response(401, { error: 'Unauthorized' }), spec);
    expect(error?.code).toBe('vendor_auth');
    expect(error?.details.vendorMessage).toBe('Unauthorized');
  });

  it('keeps a Retry-After given as an HTTP date', () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const error = classifyWatchers(
      response(429, { statusCode: 429, message: 'slow down' }, { 'retry-after': at }),
      spec,
    );
    expect(error?.code).toBe('vendor_rate_limited');
    expect(error?.details.retryAfterSeconds).toBeGreaterThan(25);
    expect(error?.details.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('keeps a proxy request id in the message', () => {
    const res = response(404, { statusCode: 404, message: 'Room not found' }, { 'x-request-id': 'req-42' });
    expect(watchersRequestId(res)).toBe('req-42');
    const error = classifyWatchers(res, spec);
    expect(error?.code).toBe('vendor_not_found');
    expect(error?.message).toContain('no room "r1"');
    expect(error?.message).toContain('request id req-42');
  });

  it('joins validation messages and treats 2xx as success', () => {
    const error = classifyWatchers(
      response(400, {
        statusCode: 400,
        message: ['a should not be empty', 'b must be a string'],
        error: 'Bad Request',
      }),
      spec,
    );
    expect(error?.code).toBe('vendor_rejected');
    expect(error?.details.vendorMessage).toBe('a should not be empty; b must be a string');
    expect(error?.details.vendorCode).toBe('Bad Request');
    expect(classifyWatchers(response(201, true), spec)).toBeUndefined();
  });
});
