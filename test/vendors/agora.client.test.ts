import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeAccessToken2, verifyAppToken } from '../../src/sandbox/agora/access-token.js';
import { type AgoraEmulator, createAgoraEmulator } from '../../src/sandbox/agora/emulator.js';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { type AgoraAccount, agoraAccount } from '../../src/vendors/account.js';
import { createAgoraClient } from '../../src/vendors/agora/client.js';
import {
  chunk,
  createBody,
  decodeMemberCursor,
  encodeMemberCursor,
  joinPathList,
  splitPathList,
  updateBody,
} from '../../src/vendors/agora/wire.js';
import { UnsupportedOperationError, VendorError } from '../../src/vendors/errors.js';
import type { RecordedRequest } from '../../src/vendors/http/types.js';
import type { ItemOutcome, VendorClient } from '../../src/vendors/types.js';
import { buildToken, nowSeconds, payloadOf, tamper } from '../sandbox/agora.tokens.js';
import { onlyItem, vendorConformanceSuite } from './conformance-suite.js';

const creds = SANDBOX_CREDENTIALS.agora;
const PREFIX = `/${creds.orgName}/${creds.appName}`;

let emulator: AgoraEmulator;
let base: string;
const clients: VendorClient[] = [];

function account(overrides: Record<string, unknown> = {}): AgoraAccount {
  return agoraAccount.parse({
    vendor: 'agora',
    baseUrl: base,
    orgName: creds.orgName,
    appName: creds.appName,
    appId: creds.appId,
    appCertificate: creds.appCertificate,
    timeoutMs: 3000,
    ...overrides,
  });
}

function client(
  overrides: Record<string, unknown> = {},
  options: Parameters<typeof createAgoraClient>[2] = {},
): VendorClient {
  const c = createAgoraClient(account(overrides), 'agora-test', options);
  clients.push(c);
  return c;
}

const roomIdByName = (name: string) => [...emulator.rooms.values()].find((r) => r.name === name)!.id;

/** Requests the emulator answered for a method and an exact resource path under the prefix. */
const logged = (method: string, path: string) =>
  emulator.server.log.filter((r) => r.method === method && r.path === PREFIX + path);

async function rejection(promise: Promise<unknown>): Promise<VendorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VendorError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function failed<T>(outcome: ItemOutcome<T> | undefined): VendorError {
  if (!outcome || outcome.ok) throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

beforeAll(async () => {
  emulator = createAgoraEmulator();
  base = await emulator.start(0);
});

afterEach(() => emulator.server.clearFaults());

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await emulator.stop();
});

describe('Agora client: shape', () => {
  it('declares exactly the operations the capability matrix gives Agora, and name as the create key', () => {
    const c = client();
    expect(c.vendor).toBe('agora');
    expect(c.createKey).toBe('name');
    expect([...c.capabilities].sort()).toEqual(
      [
        'announce.read',
        'announce.write',
        'create',
        'delete',
        'info',
        'kick',
        'list',
        'members.add',
        'members.list',
        'members.remove',
        'mute',
        'update',
      ].sort(),
    );
  });

  it('rejects status, voice, keepalive and history naming what it supports', async () => {
    const c = client();
    for (const call of [
      () => c.setStatus('1', 'LIVE'),
      () => c.setVoice('1', true),
      () => c.setKeepAlive('1', true),
      () => c.history('1', {}),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedOperationError);
      expect((error as Error).message).toContain('members.remove');
    }
  });
});

describe('Agora client: operations against the emulator', () => {
  it('pings with an authenticated read', async () => {
    const before = logged('GET', '/chatrooms').length;
    await client().ping();
    expect(logged('GET', '/chatrooms').length).toBe(before + 1);
  });

  it('creates a room: description defaults to the name, owner and members sent, id assigned by the server', async () => {
    const room = await client().createRoom('Launch party', {
      owner: 'alice',
      members: ['bob', 'carol'],
      maxusers: 100,
    });
    expect(room.id).toMatch(/^\d+$/);
    expect(room.name).toBe('Launch party');
    expect(emulator.rooms.get(room.id)).toMatchObject({
      name: 'Launch party',
      description: 'Launch party',
      owner: 'alice',
      members: ['bob', 'carol'],
      maxusers: 100,
    });
  });

  it("fills the owner from the account's defaultOwner", async () => {
    const room = await client({ defaultOwner: 'ops-bot' }).createRoom('Night shift', {
      description: 'After hours',
    });
    expect(emulator.rooms.get(room.id)).toMatchObject({ owner: 'ops-bot', description: 'After hours' });
  });

  it('surfaces the vendor refusing an unknown owner as vendor_not_found with its code and text', async () => {
    const error = await rejection(client().createRoom('Ghost', { owner: 'mallory' }));
    expect(error.code).toBe('vendor_not_found');
    expect(error.details.vendorCode).toBe('resource_not_found');
    expect(error.message).toContain("username mallory doesn't exist!");
  });

  it('pages through the list with the opaque cursor until a page has none', async () => {
    const c = client();
    for (const name of ['Page A', 'Page B', 'Page C']) await c.createRoom(name, { owner: 'dave' });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await c.listRooms({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const room of page.items) {
        expect(typeof room.id).toBe('string');
        expect(typeof room.name).toBe('string');
        seen.push(room.id);
      }
      cursor = page.cursor;
      pages += 1;
    } while (cursor && pages < 50);
    const expected = emulator.state.roomsNewestFirst().map((r) => r.id);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 2));
    expect(seen.slice(0, 3)).toEqual([
      roomIdByName('Page C'),
      roomIdByName('Page B'),
      roomIdByName('Page A'),
    ]);
  });

  it('gets several rooms in one request, with a not-found outcome for an unknown id', async () => {
    const town = roomIdByName('Town hall');
    const support = roomIdByName('Support');
    const before = emulator.server.log.length;
    const outcomes = await client().getRooms([town, '404404404', support]);
    expect(outcomes.map((o) => [o.id, o.ok])).toEqual([
      [town, true],
      ['404404404', false],
      [support, true],
    ]);
    expect(failed(outcomes[1]).code).toBe('vendor_not_found');
    const first = outcomes[0]!;
    expect(first.ok && first.value).toMatchObject({
      id: town,
      name: 'Town hall',
      owner: 'alice',
      affiliations_count: 3,
    });
    expect(emulator.server.log.length).toBe(before + 1);
  });

  it('splits more than 100 ids into batches of 100', async () => {
    const known = [roomIdByName('Town hall'), roomIdByName('Support')];
    const unknown = Array.from({ length: 99 }, (_, i) => String(900000000 + i));
    const ids = [known[0]!, ...unknown, known[1]!];
    const before = emulator.server.log.length;
    const outcomes = await client().getRooms(ids);
    const requests = emulator.server.log.slice(before);
    expect(requests).toHaveLength(2);
    expect(requests.every((r) => r.method === 'GET' && r.path.startsWith(`${PREFIX}/chatrooms/`))).toBe(true);
    expect(outcomes).toHaveLength(101);
    expect(outcomes.filter((o) => o.ok).map((o) => o.id)).toEqual(known);
  });

  it('falls back to one request per id when a batch of ids is answered 404', async () => {
    const outcomes = await client().getRooms(['111', '222']);
    expect(outcomes.map((o) => failed(o).code)).toEqual(['vendor_not_found', 'vendor_not_found']);
    expect(failed(outcomes[0]).details.vendorCode).toBe('service_resource_not_found');
  });

  it('updates only name, description and maxusers and returns the room as the vendor now reports it', async () => {
    const c = client();
    const { id } = await c.createRoom('Old name', { owner: 'alice' });
    const room = await c.updateRoom(id, { name: 'New name', maxusers: 42 });
    expect(room).toMatchObject({
      id,
      name: 'New name',
      maxusers: 42,
      description: 'Old name',
      owner: 'alice',
    });
    expect(room.updated).toEqual({ groupname: true, maxusers: true });
    expect(emulator.rooms.get(id)).toMatchObject({ name: 'New name', maxusers: 42 });
  });

  it('deletes rooms one request each, with a per-room outcome', async () => {
    const c = client();
    const { id } = await c.createRoom('Doomed', { owner: 'alice' });
    const outcomes = await c.deleteRooms([id, '777']);
    expect(outcomes[0]).toEqual({ id, ok: true, value: true });
    expect(failed(outcomes[1]).code).toBe('vendor_not_found');
    expect(emulator.rooms.has(id)).toBe(false);
  });

  it('mutes and unmutes everyone and reports the state after the change', async () => {
    const c = client();
    const id = roomIdByName('Beta testers');
    const on = await c.setMuteAll(id, true);
    expect(on).toMatchObject({ id, name: 'Beta testers', mute: true });
    expect(emulator.rooms.get(id)!.mute).toBe(true);
    expect(logged('POST', `/chatrooms/${id}/ban`)).toHaveLength(1);
    const off = await c.setMuteAll(id, false);
    expect(off.mute).toBe(false);
    expect(emulator.rooms.get(id)!.mute).toBe(false);
    expect(logged('DELETE', `/chatrooms/${id}/ban`)).toHaveLength(1);
  });

  it('sets the announcement with POST and a body, and reads it back; an empty one reads as null', async () => {
    const c = client();
    const { id } = await c.createRoom('Announcing', { owner: 'bob' });
    expect(await c.getAnnouncement(id)).toEqual({ room: id, text: null });
    expect(await c.setAnnouncement(id, 'Stream starts at 18:00 UTC')).toEqual({
      room: id,
      text: 'Stream starts at 18:00 UTC',
    });
    expect(logged('POST', `/chatrooms/${id}/announcement`)).toHaveLength(1);
    expect(await c.getAnnouncement(id)).toEqual({ room: id, text: 'Stream starts at 18:00 UTC' });
  });

  it('lists members page by page with the page number as cursor', async () => {
    const c = client();
    const id = roomIdByName('Town hall');
    const first = await c.listMembers(id, { limit: 2 });
    expect(first.items).toEqual([
      { id: 'alice', role: 'owner' },
      { id: 'bob', role: 'member' },
    ]);
    expect(first.cursor).toBe('2');
    const second = await c.listMembers(id, { limit: 2, cursor: first.cursor! });
    expect(second.items.map((m) => m.id)).toContain('carol');
    expect(second.items.length).toBeLessThan(2);
    expect(second.cursor).toBeUndefined();
    const bad = await rejection(c.listMembers(id, { cursor: 'abc' }));
    expect(bad.code).toBe('vendor_rejected');
  });

  it('adds several members in one batch; one already in gets its own refusal', async () => {
    const c = client();
    const { id } = await c.createRoom('Adders', { owner: 'alice', members: ['bob'] });
    const outcomes = await c.addMembers(id, ['bob', 'carol', 'dave']);
    expect(outcomes.map((o) => [o.id, o.ok])).toEqual([
      ['bob', false],
      ['carol', true],
      ['dave', true],
    ]);
    expect(failed(outcomes[0]).details.vendorCode).toBe('forbidden_op');
    expect(logged('POST', `/chatrooms/${id}/users`)).toHaveLength(1);
    expect(emulator.rooms.get(id)!.members).toEqual(['bob', 'carol', 'dave']);
  });

  it('gives every user its own outcome when the vendor refuses the whole batch (unknown user)', async () => {
    const c = client();
    const { id } = await c.createRoom('Mixed adds', { owner: 'alice' });
    const outcomes = await c.addMembers(id, ['carol', 'nobody', 'dave']);
    expect(outcomes.map((o) => [o.id, o.ok])).toEqual([
      ['carol', true],
      ['nobody', false],
      ['dave', true],
    ]);
    expect(failed(outcomes[1]).code).toBe('vendor_not_found');
    expect(emulator.rooms.get(id)!.members).toEqual(['carol', 'dave']);
  });

  it('removes several members in one request and reports each user', async () => {
    const c = client();
    const { id } = await c.createRoom('Removers', { owner: 'alice', members: ['bob', 'carol'] });
    const before = emulator.server.log.length;
    const outcomes = await c.removeMembers(id, ['bob', 'dave', 'carol']);
    expect(emulator.server.log.length).toBe(before + 1);
    expect(outcomes.map((o) => [o.id, o.ok])).toEqual([
      ['bob', true],
      ['dave', false],
      ['carol', true],
    ]);
    expect(failed(outcomes[1]).code).toBe('vendor_rejected');
    expect(failed(outcomes[1]).message).toContain("doesn't exist in group");
    expect(emulator.rooms.get(id)!.members).toEqual([]);
    const single = await c.removeMembers(id, ['bob']);
    expect(failed(single[0]).details.vendorCode).toBe('forbidden_op');
  });

  it('kicks a member with DELETE …/users/{username}', async () => {
    const c = client();
    const { id } = await c.createRoom('Kickers', { owner: 'alice', members: ['bob'] });
    expect(await c.kick(id, 'bob', {})).toEqual({ room: id, user: 'bob' });
    expect(emulator.rooms.get(id)!.members).toEqual([]);
    expect(logged('DELETE', `/chatrooms/${id}/users/bob`)).toHaveLength(1);
    const again = await rejection(c.kick(id, 'bob', {}));
    expect(again.code).toBe('vendor_rejected');
  });

  it('answers an unknown room with vendor_not_found keeping the vendor code', async () => {
    const error = await rejection(client().getAnnouncement('999999'));
    expect(error.code).toBe('vendor_not_found');
    expect(error.details.vendorCode).toBe('resource_not_found');
    expect(error.details.status).toBe(404);
    expect(error.message).toContain('grpID 999999 does not exist!');
  });
});

describe('Agora client: authentication', () => {
  const secretsOf = (a: AgoraAccount) => [a.appCertificate, a.appToken].filter((s): s is string => !!s);

  async function expectAuthFailure(overrides: Record<string, unknown>): Promise<VendorError> {
    const acc = account(overrides);
    const c = createAgoraClient(acc, 'agora-test');
    clients.push(c);
    const error = await rejection(c.ping());
    expect(error.code).toBe('vendor_auth');
    for (const secret of secretsOf(acc)) expect(JSON.stringify(error.toJSON())).not.toContain(secret);
    return error;
  }

  it('refuses a wrong App Certificate', async () => {
    const error = await expectAuthFailure({ appCertificate: 'abcdefabcdefabcdefabcdefabcdef01' });
    expect(error.details.vendorCode).toBe('auth_bad_access_token');
    expect(error.details.status).toBe(401);
  });

  it('refuses a wrong App ID', async () => {
    const error = await expectAuthFailure({ appId: '0123456789abcdef0123456789abcdef' });
    expect(error.details.vendorCode).toBe('auth_bad_access_token');
  });

  it('refuses a wrong appToken', async () => {
    const token = buildToken({
      ...creds,
      appCertificate: '11111111111111111111111111111111',
      issueTs: nowSeconds(),
      expire: 600,
    });
    await expectAuthFailure({ appToken: token, appId: undefined, appCertificate: undefined });
  });

  it('refuses an expired appToken', async () => {
    const token = buildToken({ ...creds, issueTs: nowSeconds() - 4000, expire: 3600 });
    const error = await expectAuthFailure({ appToken: token, appId: undefined, appCertificate: undefined });
    expect(error.details.vendorCode).toBe('unauthorized');
    expect(error.message).toContain('expired');
  });

  it('refuses a wrong orgName/appName as an account problem', async () => {
    const error = await expectAuthFailure({ appName: 'other-app' });
    expect(error.details.vendorCode).toBe('organization_application_not_found');
  });

  it('explains an App ID that cannot build a token, without echoing the certificate', async () => {
    const error = await expectAuthFailure({ appId: 'not-hex' });
    expect(error.message).toContain('32 hexadecimal');
  });

  it('accepts a token built from appId + appCertificate, and refuses the same token tampered', async () => {
    const good = buildToken({ ...creds, issueTs: nowSeconds(), expire: 600 });
    await client({ appToken: good, appId: undefined, appCertificate: undefined }).ping();
    const tampered = tamper(good, 74);
    const error = await expectAuthFailure({
      appToken: tampered,
      appId: undefined,
      appCertificate: undefined,
    });
    expect(error.details.vendorCode).toBe('auth_bad_access_token');
  });

  it('renews the app token before it expires', async () => {
    const c = client({}, { token: { lifetimeSeconds: 2 } });
    const start = emulator.tokensSeen.length;
    await c.ping();
    await c.ping();
    await new Promise((resolve) => setTimeout(resolve, 1700));
    await c.ping();
    const seen = emulator.tokensSeen.slice(start);
    expect(seen).toHaveLength(3);
    expect(seen.every((t) => t.expire === 2)).toBe(true);
    // The first two calls reuse the cached token; after 80% of its life a new one is built.
    expect(seen[1]).toEqual(seen[0]);
    expect(`${seen[2]!.issueTs}/${seen[2]!.salt}`).not.toBe(`${seen[0]!.issueTs}/${seen[0]!.salt}`);
    // …while the old one still had time left: renewal, not recovery from a refusal.
    expect(seen[0]!.issueTs + seen[0]!.expire).toBeGreaterThanOrEqual(nowSeconds());
  });
});

describe('Agora client: AccessToken2 test vector (agora.md §1)', () => {
  const VECTOR =
    '007eJxTYNDNaz3snC8huEfHWdz6s98qltq4zqy9fl99Uh0FDvy6F6DAYGlu4OxobJqSamaQbGJiZmKalJSYapFoZGhqYGaYZGzs/kWAIYKJgYGRAYRZGRgZmMB8BgYArfIYaw==';
  const appId = '970CA35de60c44645bbae8a215061b33';
  const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b';

  it('decodes to the documented fields and signature', () => {
    const payload = payloadOf(VECTOR);
    expect(payload).toHaveLength(94);
    expect(payload.subarray(0, 2).toString('hex')).toBe('2000');
    const decoded = decodeAccessToken2(VECTOR);
    expect(decoded).toMatchObject({ appId, issueTs: 1111111, expire: 600, salt: 1 });
    const sig = decoded.signature.toString('hex');
    expect(sig).toHaveLength(64);
    expect(sig.startsWith('2d6e85c3')).toBe(true);
    expect(sig.endsWith('10c0fade50')).toBe(true);
    expect(decoded.services).toHaveLength(1);
    expect(decoded.services[0]!.type).toBe(5);
    expect(decoded.services[0]!.privileges.get(2)).toBe(600);
    expect(decoded.services[0]!.userId).toBe('');
  });

  it('verifies by recomputing the HMAC, not by comparing strings', () => {
    expect(verifyAppToken(VECTOR, { appId, appCertificate }, 1111111 + 599).ok).toBe(true);
    expect(verifyAppToken(VECTOR, { appId, appCertificate }, 1111111 + 600)).toMatchObject({
      ok: false,
      error: 'unauthorized',
    });
    expect(
      verifyAppToken(VECTOR, { appId, appCertificate: '5CFd2fd1755d40ecb72977518be15d3c' }, 1111112),
    ).toMatchObject({
      ok: false,
      error: 'auth_bad_access_token',
    });
  });

  it('agora-token builds the same payload from the same inputs', () => {
    const rebuilt = buildToken({ appId, appCertificate, issueTs: 1111111, expire: 600, salt: 1 });
    expect(payloadOf(rebuilt).equals(payloadOf(VECTOR))).toBe(true);
  });
});

vendorConformanceSuite({
  vendor: 'agora',
  createEmulator: createAgoraEmulator,
  client: (url, timeoutMs, options) =>
    createAgoraClient(
      agoraAccount.parse({
        vendor: 'agora',
        baseUrl: url,
        orgName: creds.orgName,
        appName: creds.appName,
        appId: creds.appId,
        appCertificate: creds.appCertificate,
        timeoutMs,
      }),
      'agora-test',
      options,
    ),
  read: (e) => {
    const id = [...e.rooms.values()].find((r) => r.name === 'Support')!.id;
    return {
      method: 'GET',
      path: `${PREFIX}/chatrooms/${id}`,
      operation: 'chatrooms/details',
      run: (c) => onlyItem(c.getRooms([id])),
    };
  },
  write: {
    method: 'POST',
    path: `${PREFIX}/chatrooms`,
    run: (c, tag) => c.createRoom(tag, { owner: 'alice' }),
    acted: (e, tag) => [...e.rooms.values()].filter((r) => r.name === tag).length,
  },
  rateLimitDetails: { vendorCode: 'reach_limit' },
});

describe('Agora client: dry run', () => {
  it('records every request with credentials redacted and sends nothing', async () => {
    const recorder: RecordedRequest[] = [];
    const acc = account();
    const c = createAgoraClient(acc, 'agora-test', { recorder });
    clients.push(c);
    const before = emulator.server.log.length;
    const tokensBefore = emulator.tokensSeen.length;

    await c.createRoom('Dry', { owner: 'alice', members: ['bob'] });
    await c.deleteRooms(['1', '2']);
    await c.removeMembers('5', ['bob', 'carol']);

    expect(recorder).toHaveLength(4);
    expect(recorder[0]).toEqual({
      method: 'POST',
      url: `${base}${PREFIX}/chatrooms`,
      headers: expect.objectContaining({ authorization: '[redacted]', 'content-type': 'application/json' }),
      body: { name: 'Dry', description: 'Dry', owner: 'alice', members: ['bob'] },
    });
    expect(recorder.slice(1, 3).map((r) => `${r.method} ${r.url}`)).toEqual([
      `DELETE ${base}${PREFIX}/chatrooms/1`,
      `DELETE ${base}${PREFIX}/chatrooms/2`,
    ]);
    expect(recorder[3]!.url).toBe(`${base}${PREFIX}/chatrooms/5/users/bob%2Ccarol`);
    const dump = JSON.stringify(recorder);
    expect(dump).not.toContain(acc.appCertificate!);
    expect(dump).not.toContain('007eJ');
    expect(emulator.server.log.length).toBe(before);
    expect(emulator.tokensSeen.length).toBe(tokensBefore);
  });

  it('redacts a configured appToken too', async () => {
    const recorder: RecordedRequest[] = [];
    const token = buildToken({ ...creds, issueTs: nowSeconds(), expire: 600 });
    const c = createAgoraClient(
      account({ appToken: token, appId: undefined, appCertificate: undefined }),
      'agora-test',
      { recorder },
    );
    clients.push(c);
    await c.setAnnouncement('9', 'hello');
    expect(recorder).toHaveLength(1);
    expect(recorder[0]!.body).toEqual({ announcement: 'hello' });
    expect(JSON.stringify(recorder)).not.toContain(token);
  });
});

describe('Agora wire encodings (property)', () => {
  it('joins ids/usernames into one path segment and splits them back unchanged', () => {
    // Any text but the comma, which is the vendor's separator and in no valid id or username.
    const item = fc.string({ minLength: 1, unit: 'grapheme' }).filter((s) => !s.includes(','));
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), (items) => {
        const segment = joinPathList(items);
        expect(segment).not.toContain('/');
        expect(segment.split('%2C')).toHaveLength(items.length);
        expect(splitPathList(segment)).toEqual(items);
      }),
    );
  });

  it('round-trips member cursors and rejects anything else', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        (n) => decodeMemberCursor(encodeMemberCursor(n)) === n,
      ),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        const decoded = decodeMemberCursor(s);
        return decoded === undefined || encodeMemberCursor(decoded) === s;
      }),
    );
  });

  it('chunks keep order and respect the size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 100 }), (items, size) => {
        const chunks = chunk(items, size);
        expect(chunks.flat()).toEqual(items);
        expect(chunks.every((c) => c.length >= 1 && c.length <= size)).toBe(true);
      }),
    );
  });

  it('create and update bodies carry only vendor fields, owner never among members', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.record(
          {
            owner: fc.constantFrom('alice', 'bob'),
            members: fc.array(fc.constantFrom('alice', 'bob', 'carol')),
            maxusers: fc.integer({ min: 1, max: 10_000 }),
            description: fc.string(),
            destroyType: fc.integer(),
          },
          { requiredKeys: [] },
        ),
        (name, settings) => {
          const body = createBody(name, settings);
          expect(body.name).toBe(name);
          expect(typeof body.description === 'string' && body.description !== '').toBe(true);
          expect(
            Object.keys(body).every((k) =>
              ['name', 'description', 'owner', 'maxusers', 'members', 'custom'].includes(k),
            ),
          ).toBe(true);
          if (Array.isArray(body.members)) {
            expect(body.members).not.toContain(body.owner);
            expect(body.members.length).toBeGreaterThan(0);
          }
          const update = updateBody({ ...settings, name });
          expect(Object.keys(update).every((k) => ['name', 'description', 'maxusers'].includes(k))).toBe(
            true,
          );
        },
      ),
    );
  });
});
