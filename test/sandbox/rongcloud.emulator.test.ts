import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { createRongcloudEmulator, type RongcloudEmulator } from '../../src/sandbox/rongcloud/emulator.js';
import { signRongcloud } from '../../src/vendors/rongcloud/sign.js';

const { appKey, appSecret } = SANDBOX_CREDENTIALS.rongcloud;
const FORM = 'application/x-www-form-urlencoded';

function signedHeaders(options: { key?: string; secret?: string; timestamp?: string; prefix?: string } = {}) {
  const nonce = String(Math.floor(Math.random() * 1e12));
  const timestamp = options.timestamp ?? String(Date.now());
  const p = options.prefix ?? '';
  return {
    [`${p}App-Key`]: options.key ?? appKey,
    [`${p}Nonce`]: nonce,
    [`${p}Timestamp`]: timestamp,
    [`${p}Signature`]: signRongcloud(options.secret ?? appSecret, nonce, timestamp),
  };
}

async function post(
  base: string,
  path: string,
  body: string,
  headers: Record<string, string> = signedHeaders(),
  contentType = FORM,
) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

describe('RongCloud emulator', () => {
  let emu: RongcloudEmulator;
  let base: string;

  // A fresh seeded emulator per test, so tests do not depend on their order.
  beforeEach(async () => {
    emu = createRongcloudEmulator();
    base = await emu.start(0);
  });
  afterEach(async () => {
    await emu.stop();
  });

  describe('seed', () => {
    it('starts with lobby (kept alive), support-1 (muted) and launch-42, members included', async () => {
      expect([...emu.rooms.keys()].sort()).toEqual(['launch-42', 'lobby', 'support-1']);
      expect(emu.state.keepAlive.has('lobby')).toBe(true);
      expect(emu.rooms.get('support-1')?.ban).toBe(true);
      expect(emu.rooms.get('launch-42')?.destroyType).toBe(1);
      const res = await post(base, '/chatroom/get.json', 'chatroomId=lobby');
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        code: 200,
        chatroomId: 'lobby',
        memberCount: 4,
        destroyType: 0,
        destroyTime: 60,
        ban: false,
      });
    });

    it('is the same at every start', () => {
      const other = createRongcloudEmulator();
      const view = (e: RongcloudEmulator) =>
        [...e.rooms.values()].map((r) => [
          r.chatroomId,
          r.destroyType,
          r.destroyTime,
          r.ban,
          [...r.members.keys()],
        ]);
      expect(view(other)).toEqual(view(emu));
    });
  });

  describe('signature check', () => {
    it('accepts the RC- header names too', async () => {
      const res = await post(
        base,
        '/chatroom/get.json',
        'chatroomId=lobby',
        signedHeaders({ prefix: 'RC-' }),
      );
      expect(res.json.code).toBe(200);
    });

    it('accepts a timestamp in seconds, as the official SDKs send it', async () => {
      const res = await post(
        base,
        '/chatroom/get.json',
        'chatroomId=lobby',
        signedHeaders({ timestamp: String(Math.floor(Date.now() / 1000)) }),
      );
      expect(res.json.code).toBe(200);
    });

    it('refuses a signature made with the wrong secret: 401 / 1004', async () => {
      const res = await post(
        base,
        '/chatroom/get.json',
        'chatroomId=lobby',
        signedHeaders({ secret: 'not-the-secret' }),
      );
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ url: '/chatroom/get.json', code: 1004, errorMessage: 'Signature Error.' });
    });

    it('refuses a signature made with the App Key instead of the secret (the common mistake)', async () => {
      const res = await post(
        base,
        '/chatroom/get.json',
        'chatroomId=lobby',
        signedHeaders({ secret: appKey }),
      );
      expect(res.status).toBe(401);
      expect(res.json.code).toBe(1004);
    });

    it('refuses an unknown App-Key: 401 / 1002 invalid App-Key', async () => {
      const res = await post(
        base,
        '/chatroom/get.json',
        'chatroomId=lobby',
        signedHeaders({ key: 'someoneelse' }),
      );
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ code: 1002, errorMessage: 'invalid App-Key.' });
    });

    it('refuses a request with a signature header missing: 401 / 1004', async () => {
      const { Signature: _dropped, ...rest } = signedHeaders();
      const res = await post(base, '/chatroom/get.json', 'chatroomId=lobby', rest);
      expect(res.status).toBe(401);
      expect(res.json.code).toBe(1004);
    });

    it('refuses an uppercase-hex signature (send lowercase, as the docs do)', async () => {
      const headers = signedHeaders();
      headers.Signature = headers.Signature!.toUpperCase();
      const res = await post(base, '/chatroom/get.json', 'chatroomId=lobby', headers);
      expect(res.json.code).toBe(1004);
    });

    it('logs the nonce of every signed request', async () => {
      const before = emu.signedRequests.length;
      const headers = signedHeaders();
      await post(base, '/chatroom/get.json', 'chatroomId=lobby', headers);
      expect(emu.signedRequests.length).toBe(before + 1);
      expect(emu.signedRequests.at(-1)).toMatchObject({
        appKey,
        nonce: headers.Nonce,
        path: '/chatroom/get.json',
      });
    });
  });

  describe('body checks', () => {
    it('answers 400 / 1003 to an empty body', async () => {
      const res = await post(base, '/chatroom/get.json', '');
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ code: 1003, url: '/chatroom/get.json' });
    });

    it('allows an empty body where every parameter is optional', async () => {
      const res = await post(base, '/chatroom/keepalive/query.json', '');
      expect(res.json).toEqual({ code: 200, chatroomIds: ['lobby'] });
    });

    it('refuses a JSON body: 400 / 1002', async () => {
      const res = await post(
        base,
        '/chatroom/get.json',
        JSON.stringify({ chatroomId: 'lobby' }),
        signedHeaders(),
        'application/json',
      );
      expect(res.status).toBe(400);
      expect(res.json.code).toBe(1002);
      expect(res.json.errorMessage).toContain('application/x-www-form-urlencoded');
    });

    it('names a missing required field: 400 / 1002', async () => {
      const res = await post(base, '/chatroom/user/query.json', 'chatroomId=lobby&count=10');
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        url: '/chatroom/user/query.json',
        code: 1002,
        errorMessage: 'order parameter is required',
      });
    });

    it('refuses a chatroom id over 64 bytes', async () => {
      const res = await post(base, '/chatroom/create_new.json', `chatroomId=${'x'.repeat(65)}`);
      expect(res.json.code).toBe(1002);
      expect(res.json.errorMessage).toMatch(/length exceeds limit/);
    });

    it('refuses destroyTime outside 60–10080 minutes', async () => {
      const res = await post(base, '/chatroom/create_new.json', 'chatroomId=shorty&destroyTime=10800');
      expect(res.json).toMatchObject({
        code: 1002,
        errorMessage: 'destroyTime must be between 60 and 10080',
      });
      expect(emu.rooms.has('shorty')).toBe(false);
    });

    it('refuses entryOwnerId without entryInfo', async () => {
      const res = await post(base, '/chatroom/create_new.json', 'chatroomId=attrs&entryOwnerId=u1');
      expect(res.json.code).toBe(1002);
      expect(emu.rooms.has('attrs')).toBe(false);
    });

    it('answers an unknown path 404 in the RongCloud shape', async () => {
      const res = await post(base, '/chatroom/nothing.json', 'chatroomId=lobby');
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ code: 404, url: '/chatroom/nothing.json' });
    });
  });

  describe('chatrooms', () => {
    it('creates with repeated whiteUserIds, JSON entryInfo and isBan, then reports it', async () => {
      const body = new URLSearchParams([
        ['chatroomId', 'emu-new'],
        ['destroyType', '1'],
        ['destroyTime', '120'],
        ['isBan', 'true'],
        ['whiteUserIds', 'host1'],
        ['whiteUserIds', 'host2'],
        ['entryOwnerId', 'host1'],
        ['entryInfo', JSON.stringify({ topic: 'launch', 'lang-code': 'en' })],
      ]).toString();
      expect((await post(base, '/chatroom/create_new.json', body)).json).toEqual({ code: 200 });
      const room = emu.rooms.get('emu-new')!;
      expect([...room.muteExceptions]).toEqual(['host1', 'host2']);
      expect(room.entries).toEqual({ topic: 'launch', 'lang-code': 'en' });
      const got = await post(base, '/chatroom/get.json', 'chatroomId=emu-new');
      expect(got.json).toMatchObject({
        code: 200,
        chatroomId: 'emu-new',
        memberCount: 0,
        destroyType: 1,
        destroyTime: 120,
        ban: true,
      });
      const exceptions = await post(base, '/chatroom/user/ban/whitelist/query.json', 'chatroomId=emu-new');
      expect(exceptions.json).toEqual({ code: 200, userIds: ['host1', 'host2'] });
    });

    it('answers get.json on an unknown room with code 23410', async () => {
      const res = await post(base, '/chatroom/get.json', 'chatroomId=nowhere');
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ code: 23410, url: '/chatroom/get.json' });
    });

    it('destroys several rooms given as repeated chatroomId keys', async () => {
      emu.state.create('gone-a');
      emu.state.create('gone-b');
      const res = await post(
        base,
        '/chatroom/destroy.json',
        'chatroomId=gone-a&chatroomId=gone-b&chatroomId=never-was',
      );
      expect(res.json).toEqual({ code: 200 });
      expect(emu.rooms.has('gone-a') || emu.rooms.has('gone-b')).toBe(false);
    });

    it('lists members oldest-first or newest-first, capped by count', async () => {
      const oldest = await post(base, '/chatroom/user/query.json', 'chatroomId=launch-42&count=2&order=1');
      expect(oldest.json.total).toBe(6);
      expect((oldest.json.users as Array<{ id: string; time: string }>).map((u) => u.id)).toEqual([
        'host-kim',
        'fan-01',
      ]);
      expect((oldest.json.users as Array<{ time: string }>)[0]!.time).toMatch(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
      );
      const newest = await post(base, '/chatroom/user/query.json', 'chatroomId=launch-42&count=600&order=2');
      expect((newest.json.users as Array<{ id: string }>).map((u) => u.id)).toEqual([
        'fan-05',
        'fan-04',
        'fan-03',
        'fan-02',
        'fan-01',
        'host-kim',
      ]);
    });

    it('block/add removes the users and keeps them out', async () => {
      emu.state.create('blocky');
      emu.state.join('blocky', 'u1');
      emu.state.join('blocky', 'u2');
      const res = await post(base, '/chatroom/user/block/add.json', 'chatroomId=blocky&userId=u1&minute=5');
      expect(res.json).toEqual({ code: 200 });
      expect([...emu.rooms.get('blocky')!.members.keys()]).toEqual(['u2']);
      expect(emu.state.join('blocky', 'u1')).toBe(false);
      const list = await post(base, '/chatroom/user/block/list.json', 'chatroomId=blocky');
      expect((list.json.users as Array<{ userId: string }>).map((u) => u.userId)).toEqual(['u1']);
    });

    it('keepalive/remove of a room not kept alive answers 1015 with HTTP 200', async () => {
      const res = await post(base, '/chatroom/keepalive/remove.json', 'chatroomId=launch-42');
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ code: 1015 });
    });

    it('refuses a sixth keep-alive room with 1016 / 403', async () => {
      for (const id of ['ka-1', 'ka-2', 'ka-3', 'ka-4', 'ka-5']) emu.state.create(id);
      for (const id of ['ka-1', 'ka-2', 'ka-3', 'ka-4']) {
        expect((await post(base, '/chatroom/keepalive/add.json', `chatroomId=${id}`)).json.code).toBe(200);
      }
      const res = await post(base, '/chatroom/keepalive/add.json', 'chatroomId=ka-5');
      expect(res.status).toBe(403);
      expect(res.json.code).toBe(1016);
      for (const id of ['ka-1', 'ka-2', 'ka-3', 'ka-4']) emu.state.keepAlive.delete(id);
    });

    it('echoes X-Request-ID', async () => {
      const res = await post(base, '/chatroom/get.json', 'chatroomId=lobby', {
        ...signedHeaders(),
        'X-Request-ID': 'trace-123',
      });
      expect(res.headers.get('x-request-id')).toBe('trace-123');
    });
  });

  describe('auto-destruction', () => {
    it('destroys idle rooms, fixed-time rooms at their time, and never kept-alive ones', async () => {
      let now = Date.UTC(2026, 0, 1);
      const timed = createRongcloudEmulator({ now: () => now });
      const url = await timed.start(0);
      try {
        timed.state.create('fixed', { destroyType: 1, destroyTime: 120 });
        now += 61 * 60_000;
        timed.state.join('fixed', 'someone');
        // The clock is past 60 min idle for the default rooms; lobby is kept alive.
        await post(url, '/chatroom/keepalive/query.json', '');
        expect([...timed.rooms.keys()].sort()).toEqual(['fixed', 'launch-42', 'lobby', 'support-1']);
        now += 60 * 60_000;
        await post(url, '/chatroom/keepalive/query.json', '');
        // fixed: 121 min after creation although active; support-1 lives 1440 min idle.
        expect([...timed.rooms.keys()].sort()).toEqual(['launch-42', 'lobby', 'support-1']);
        const gone = await post(url, '/chatroom/get.json', 'chatroomId=fixed');
        expect(gone.json.code).toBe(23410);
      } finally {
        await timed.stop();
      }
    });
  });

  describe('rate limit', () => {
    it('answers past the per-endpoint limit with HTTP 429, code 1008 and Retry-After', async () => {
      const limited = createRongcloudEmulator({ rateLimitPerSecond: 3 });
      const url = await limited.start(0);
      try {
        const answers = [];
        for (let i = 0; i < 4; i++) answers.push(await post(url, '/chatroom/get.json', 'chatroomId=lobby'));
        expect(answers.slice(0, 3).map((a) => a.json.code)).toEqual([200, 200, 200]);
        expect(answers[3]!.status).toBe(429);
        expect(answers[3]!.json).toMatchObject({ code: 1008, errorMessage: 'Too Many Requests.' });
        expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        // Another endpoint has its own window.
        expect((await post(url, '/chatroom/ban/check.json', 'chatroomId=lobby')).json).toEqual({
          code: 200,
          status: 0,
        });
      } finally {
        await limited.stop();
      }
    });

    it('answers an injected 5xx as RongCloud does (code 1000)', async () => {
      emu.server.injectFault({ kind: 'status', status: 500, path: '/chatroom/get.json' });
      const res = await post(base, '/chatroom/get.json', 'chatroomId=lobby');
      expect(res.status).toBe(500);
      expect(res.json).toMatchObject({ code: 1000 });
    });
  });
});
