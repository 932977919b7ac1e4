import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { formToRecord } from '../../src/sandbox/kit/decode-body.js';
import { createRongcloudEmulator, type RongcloudEmulator } from '../../src/sandbox/rongcloud/emulator.js';
import { FormFields } from '../../src/sandbox/rongcloud/form.js';
import type { RongcloudAccount } from '../../src/vendors/account.js';
import { UnsupportedOperationError, VendorError } from '../../src/vendors/errors.js';
import type { RecordedRequest } from '../../src/vendors/http/types.js';
import { createRongcloudClient } from '../../src/vendors/rongcloud/client.js';
import { signRongcloud } from '../../src/vendors/rongcloud/sign.js';
import { encodeForm, formPairs } from '../../src/vendors/rongcloud/wire.js';
import type { VendorClient } from '../../src/vendors/types.js';
import { onlyItem, vendorConformanceSuite } from './conformance-suite.js';

const { appKey, appSecret } = SANDBOX_CREDENTIALS.rongcloud;

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VendorError) return error;
    throw error;
  }
  throw new Error('expected a VendorError, the call succeeded');
}

describe('RongCloud client against the emulator', () => {
  let emu: RongcloudEmulator;
  let base: string;
  let client: VendorClient;
  const opened: VendorClient[] = [];

  const account = (over: Partial<RongcloudAccount> = {}): RongcloudAccount => ({
    vendor: 'rongcloud',
    baseUrl: base,
    timeoutMs: 3000,
    appKey,
    appSecret,
    ...over,
  });
  const open = (over: Partial<RongcloudAccount> = {}, recorder?: RecordedRequest[]) => {
    const c = createRongcloudClient(account(over), 'rong-test', recorder ? { recorder } : {});
    opened.push(c);
    return c;
  };
  const logOf = (path: string) => emu.server.log.filter((r) => r.path === path);

  beforeAll(async () => {
    emu = createRongcloudEmulator();
    base = await emu.start(0);
    client = open();
  });
  afterAll(async () => {
    await Promise.all(opened.map((c) => c.close()));
    await emu.stop();
  });
  beforeEach(() => {
    emu.server.clearFaults();
  });

  describe('signature', () => {
    it('matches the documented test vector', () => {
      expect(signRongcloud('Y1W2MeFwwwRxa0', '14314', '1408710653000')).toBe(
        '30be0bbca9c9b2e27578701e9fda2358a814c88f',
      );
    });

    it('uses a fresh nonce and timestamp-signed headers on every request', async () => {
      const before = emu.signedRequests.length;
      await client.ping();
      await client.ping();
      await client.ping();
      const nonces = emu.signedRequests.slice(before).map((s) => s.nonce);
      expect(nonces).toHaveLength(3);
      expect(new Set(nonces).size).toBe(3);
      expect(emu.signedRequests.at(-1)!.timestamp).toMatch(/^\d{13}$/);
    });

    it('uses a fresh nonce on every retry attempt, each correctly signed', async () => {
      // A front that refuses the first attempt with RongCloud's 429 and forwards the rest.
      const seen: Array<Record<string, string>> = [];
      const front: Server = createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        seen.push(headers);
        if (seen.length === 1) {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
          res.end(JSON.stringify({ code: 1008, errorMessage: 'Too Many Requests.' }));
          return;
        }
        const forwarded = await fetch(base + (req.url ?? '/'), {
          method: 'POST',
          headers: Object.fromEntries(
            Object.entries(headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
          ),
          body: Buffer.concat(chunks),
        });
        res.writeHead(forwarded.status, { 'content-type': 'application/json' });
        res.end(await forwarded.text());
      });
      await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
      const frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
      const viaFront = open({ baseUrl: frontUrl });
      try {
        const [outcome] = await viaFront.getRooms(['lobby']);
        expect(outcome).toMatchObject({ id: 'lobby', ok: true });
        expect(seen).toHaveLength(2);
        expect(seen[0]!.nonce).not.toBe(seen[1]!.nonce);
        for (const h of seen) expect(h.signature).toBe(signRongcloud(appSecret, h.nonce!, h.timestamp!));
        // One X-Request-ID per call, kept across its attempts.
        expect(seen[0]!['x-request-id']).toBe(seen[1]!['x-request-id']);
      } finally {
        await new Promise<void>((resolve) => front.close(() => resolve()));
      }
    });
  });

  describe('shape', () => {
    it('declares exactly the operations RongCloud has, keyed by caller-chosen id', () => {
      expect([...client.capabilities].sort()).toEqual(
        ['create', 'delete', 'info', 'keepalive', 'kick', 'members.list', 'mute', 'update'].sort(),
      );
      expect(client.vendor).toBe('rongcloud');
      expect(client.createKey).toBe('id');
    });

    it('refuses the others naming what it supports', async () => {
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['list', () => client.listRooms({})],
        ['status', () => client.setStatus('lobby', 'LIVE')],
        ['voice', () => client.setVoice('lobby', true)],
        ['announce.read', () => client.getAnnouncement('lobby')],
        ['announce.write', () => client.setAnnouncement('lobby', 'hi')],
        ['members.add', () => client.addMembers('lobby', ['x'])],
        ['members.remove', () => client.removeMembers('lobby', ['x'])],
        ['history', () => client.history('lobby', {})],
      ];
      for (const [operation, call] of calls) {
        let caught: unknown;
        try {
          await call();
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(UnsupportedOperationError);
        expect((caught as UnsupportedOperationError).operation).toBe(operation);
        expect((caught as UnsupportedOperationError).supported).toContain('keepalive');
      }
    });
  });

  describe('operations', () => {
    it('ping succeeds with valid credentials', async () => {
      await expect(client.ping()).resolves.toBeUndefined();
    });

    it('creates a room with lists, booleans and JSON settings and returns it as the vendor reports it', async () => {
      const room = await client.createRoom('cli-new', {
        destroyType: 1,
        destroyTime: 120,
        isBan: true,
        whiteUserIds: ['host1', 'host2'],
        entryOwnerId: 'host1',
        entryInfo: { topic: 'launch' },
      });
      expect(room).toMatchObject({
        id: 'cli-new',
        chatroomId: 'cli-new',
        destroyType: 1,
        destroyTime: 120,
        ban: true,
        memberCount: 0,
      });
      expect(typeof room.createTime).toBe('number');
      const stored = emu.rooms.get('cli-new')!;
      expect([...stored.muteExceptions]).toEqual(['host1', 'host2']);
      expect(stored.entries).toEqual({ topic: 'launch' });
      expect(stored.entryOwnerId).toBe('host1');
    });

    it('reports rooms per id, an unknown one as a not-found item', async () => {
      const outcomes = await client.getRooms(['lobby', 'nowhere']);
      expect(outcomes[0]).toMatchObject({
        id: 'lobby',
        ok: true,
        value: { id: 'lobby', memberCount: 4, destroyType: 0, ban: false },
      });
      const missing = outcomes[1]!;
      expect(missing.ok).toBe(false);
      if (!missing.ok) {
        expect(missing.error.code).toBe('vendor_not_found');
        expect(missing.error.details.vendorCode).toBe(23410);
        expect(missing.error.message).toContain('23410');
      }
    });

    it('updates the lifecycle through destroy/set.json', async () => {
      emu.state.create('upd-1');
      const room = await client.updateRoom('upd-1', { destroyType: 1, destroyTime: 300 });
      expect(room).toMatchObject({ id: 'upd-1', destroyType: 1, destroyTime: 300 });
      expect(emu.rooms.get('upd-1')).toMatchObject({ destroyType: 1, destroyTime: 300 });
      expect(logOf('/chatroom/destroy/set.json').length).toBeGreaterThan(0);
    });

    it('updates only the field given (destroyTime keeps destroyType)', async () => {
      emu.state.create('upd-2', { destroyType: 1, destroyTime: 120 });
      const room = await client.updateRoom('upd-2', { destroyTime: 600 });
      expect(room).toMatchObject({ destroyType: 1, destroyTime: 600 });
    });

    it('maps isBan and whiteUserIds to mute-all and its exceptions', async () => {
      emu.state.create('upd-3');
      const room = await client.updateRoom('upd-3', { isBan: true, whiteUserIds: ['mod-1', 'mod-2'] });
      expect(room).toMatchObject({ id: 'upd-3', ban: true });
      expect([...emu.rooms.get('upd-3')!.muteExceptions]).toEqual(['mod-1', 'mod-2']);
    });

    it('reports an update of an unknown room as not found', async () => {
      const error = await failure(client.updateRoom('nowhere', { destroyTime: 90 }));
      expect(error.code).toBe('vendor_not_found');
    });

    it('deletes several rooms in one destroy.json request, with outcomes per id', async () => {
      emu.state.create('del-a');
      emu.state.create('del-b');
      const before = logOf('/chatroom/destroy.json').length;
      const outcomes = await client.deleteRooms(['del-a', 'nowhere', 'del-b']);
      expect(outcomes.map((o) => [o.id, o.ok])).toEqual([
        ['del-a', true],
        ['nowhere', false],
        ['del-b', true],
      ]);
      const missing = outcomes[1]!;
      if (!missing.ok) expect(missing.error.code).toBe('vendor_not_found');
      expect(logOf('/chatroom/destroy.json').length).toBe(before + 1);
      expect(emu.rooms.has('del-a') || emu.rooms.has('del-b')).toBe(false);
    });

    it('mutes and unmutes everyone', async () => {
      emu.state.create('mute-1');
      expect(await client.setMuteAll('mute-1', true)).toMatchObject({ id: 'mute-1', ban: true });
      expect(emu.rooms.get('mute-1')!.ban).toBe(true);
      expect(await client.setMuteAll('mute-1', false)).toMatchObject({ id: 'mute-1', ban: false });
      expect(emu.rooms.get('mute-1')!.ban).toBe(false);
    });

    it('keeps a room alive and lets it go', async () => {
      emu.state.create('ka-cli');
      expect(await client.setKeepAlive('ka-cli', true)).toMatchObject({ id: 'ka-cli', keepAlive: true });
      expect(emu.state.keepAlive.has('ka-cli')).toBe(true);
      expect(await client.setKeepAlive('ka-cli', false)).toMatchObject({ id: 'ka-cli', keepAlive: false });
      expect(emu.state.keepAlive.has('ka-cli')).toBe(false);
    });

    it('turns a business error sent with HTTP 200 (1015) into vendor_rejected with the code and message', async () => {
      const error = await failure(client.setKeepAlive('launch-42', false));
      expect(error.code).toBe('vendor_rejected');
      expect(error.details).toMatchObject({
        vendorCode: 1015,
        vendorMessage: 'keep-alive chatroom does not exist',
        status: 200,
      });
      expect(error.message).toContain('1015');
      expect(error.details.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('turns a business error sent with HTTP 400 (1002) into vendor_rejected with the code and message', async () => {
      const error = await failure(client.createRoom('too-short', { destroyTime: 5 }));
      expect(error.code).toBe('vendor_rejected');
      expect(error.details).toMatchObject({
        vendorCode: 1002,
        vendorMessage: 'destroyTime must be between 60 and 10080',
        status: 400,
      });
      expect(emu.rooms.has('too-short')).toBe(false);
    });

    it('lists members oldest first, honouring the limit', async () => {
      const page = await client.listMembers('launch-42', { limit: 2 });
      expect(page.items.map((m) => m.id)).toEqual(['host-kim', 'fan-01']);
      expect(page.cursor).toBeUndefined();
      const all = await client.listMembers('launch-42', {});
      expect(all.items).toHaveLength(6);
      expect(all.items[0]!.time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    });

    it('kicks by blocking for the default 60 minutes and says so', async () => {
      emu.state.create('kick-1');
      emu.state.join('kick-1', 'troll');
      emu.state.join('kick-1', 'fan');
      const result = await client.kick('kick-1', 'troll', {});
      expect(result).toMatchObject({ room: 'kick-1', user: 'troll', removed: true, bannedMinutes: 60 });
      expect(String(result.note)).toContain('60 minutes');
      const room = emu.rooms.get('kick-1')!;
      expect([...room.members.keys()]).toEqual(['fan']);
      const until = room.blocked.get('troll')!;
      expect(until - Date.now()).toBeGreaterThan(59 * 60_000);
      expect(until - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    });

    it('kicks for the minutes given', async () => {
      emu.state.create('kick-2');
      emu.state.join('kick-2', 'spammer');
      const result = await client.kick('kick-2', 'spammer', { minute: 5 });
      expect(result.bannedMinutes).toBe(5);
      expect(emu.rooms.get('kick-2')!.blocked.get('spammer')! - Date.now()).toBeLessThanOrEqual(5 * 60_000);
      expect(emu.state.join('kick-2', 'spammer')).toBe(false);
    });
  });

  describe('authentication failures', () => {
    it('a wrong appSecret is vendor_auth (1004) and the secret appears nowhere', async () => {
      const wrong = 'wrong-secret-value-9999';
      const error = await failure(open({ appSecret: wrong }).ping());
      expect(error.code).toBe('vendor_auth');
      expect(error.details).toMatchObject({ vendorCode: 1004, status: 401 });
      const everything = JSON.stringify(error.toJSON()) + error.message + error.summary;
      expect(everything).not.toContain(wrong);
      expect(everything).not.toContain(appSecret);
    });

    it('an unknown appKey is vendor_auth (1002 invalid App-Key)', async () => {
      const error = await failure(
        open({ appKey: 'unknownkey' })
          .getRooms(['lobby'])
          .then((o) => {
            if (!o[0]!.ok) throw o[0]!.error;
          }),
      );
      expect(error.code).toBe('vendor_auth');
      expect(error.details.vendorCode).toBe(1002);
      expect(error.message).not.toContain(appSecret);
    });
  });

  describe('dry run', () => {
    it('records the signed request with credentials redacted and sends nothing', async () => {
      const recorder: RecordedRequest[] = [];
      const dry = open({}, recorder);
      const sentBefore = emu.server.log.length;
      await dry.createRoom('dry-room', { destroyType: 1, whiteUserIds: ['a', 'b'], entryInfo: { k: 'v' } });
      expect(emu.server.log.length).toBe(sentBefore);
      expect(emu.rooms.has('dry-room')).toBe(false);
      expect(recorder).toHaveLength(1);
      const [request] = recorder;
      expect(request!.method).toBe('POST');
      expect(request!.url).toBe(`${base}/chatroom/create_new.json`);
      expect(request!.body).toBe(
        'chatroomId=dry-room&destroyType=1&whiteUserIds=a&whiteUserIds=b&entryInfo=%7B%22k%22%3A%22v%22%7D',
      );
      expect(request!.headers).toMatchObject({
        'App-Key': '[redacted]',
        Signature: '[redacted]',
        Nonce: '[redacted]',
      });
      expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(JSON.stringify(recorder)).not.toContain(appSecret);
    });

    it('records one destroy.json for several rooms, and every step of a multi-part update', async () => {
      const recorder: RecordedRequest[] = [];
      const dry = open({}, recorder);
      const sentBefore = emu.server.log.length;
      await dry.deleteRooms(['lobby', 'support-1']);
      await dry.updateRoom('lobby', { destroyTime: 120, isBan: true, whiteUserIds: ['m'] });
      await dry.getRooms(['lobby', 'launch-42']);
      expect(recorder.map((r) => [new URL(r.url).pathname, r.body])).toEqual([
        ['/chatroom/destroy.json', 'chatroomId=lobby&chatroomId=support-1'],
        ['/chatroom/destroy/set.json', 'chatroomId=lobby&destroyTime=120'],
        ['/chatroom/ban/add.json', 'chatroomId=lobby'],
        ['/chatroom/user/ban/whitelist/add.json', 'chatroomId=lobby&userId=m'],
        ['/chatroom/get.json', 'chatroomId=lobby'],
        ['/chatroom/get.json', 'chatroomId=launch-42'],
      ]);
      expect(emu.server.log.length).toBe(sentBefore);
      expect(emu.rooms.has('lobby')).toBe(true);
    });
  });

  describe('form encoding', () => {
    const id = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 16 })
      .filter((s) => Buffer.byteLength(s) <= 64);

    it('lists round-trip through encode and the emulator decoder as repeated keys', () => {
      fc.assert(
        fc.property(fc.array(id, { minLength: 1, maxLength: 8 }), (ids) => {
          const body = encodeForm(formPairs({ chatroomId: ids, order: 1 }));
          const fields = new FormFields(formToRecord(new URLSearchParams(body)));
          expect(fields.list('chatroomId')).toEqual(ids);
          expect(body.split('&').filter((p) => p.startsWith('chatroomId=')).length).toBe(ids.length);
        }),
        { numRuns: 300 },
      );
    });

    it('any list of ids reaches the emulator intact over HTTP (destroy.json)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(id, { minLength: 1, maxLength: 4 }), async (ids) => {
          for (const roomId of ids) emu.state.create(roomId);
          emu.state.create('bystander');
          const outcomes = await client.deleteRooms(ids);
          expect(outcomes.map((o) => [o.id, o.ok])).toEqual(ids.map((i) => [i, true]));
          for (const roomId of ids) expect(emu.rooms.has(roomId)).toBe(false);
          expect(emu.rooms.has('bystander')).toBe(!ids.includes('bystander'));
        }),
        { numRuns: 15 },
      );
    });

    it('encodes booleans, numbers and objects as RongCloud expects', () => {
      expect(
        encodeForm(formPairs({ isBan: false, destroyTime: 60, entryInfo: { a: 1 }, skipped: undefined })),
      ).toBe('isBan=false&destroyTime=60&entryInfo=%7B%22a%22%3A1%7D');
    });
  });
});

vendorConformanceSuite({
  vendor: 'rongcloud',
  createEmulator: createRongcloudEmulator,
  client: (url, timeoutMs, options) =>
    createRongcloudClient(
      { vendor: 'rongcloud', baseUrl: url, timeoutMs, appKey, appSecret },
      'rong-test',
      options,
    ),
  read: () => ({
    method: 'POST',
    path: '/chatroom/get.json',
    operation: 'chatroom/get.json',
    run: (c) => onlyItem(c.getRooms(['lobby'])),
  }),
  write: {
    method: 'POST',
    path: '/chatroom/create_new.json',
    run: (c, tag) => c.createRoom(tag, {}),
    acted: (e, tag) => (e.rooms.has(tag) ? 1 : 0),
  },
  serverErrorDetails: { vendorCode: 1000 },
  rateLimitDetails: { vendorCode: 1008 },
});
