import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeAccessToken2, verifyAppToken } from '../../src/sandbox/agora/access-token.js';
import { type AgoraEmulator, createAgoraEmulator } from '../../src/sandbox/agora/emulator.js';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { buildToken, nowSeconds, payloadOf, tamper } from './agora.tokens.js';

const creds = SANDBOX_CREDENTIALS.agora;
const PREFIX = `/${creds.orgName}/${creds.appName}`;
const validToken = () => buildToken({ ...creds, issueTs: nowSeconds(), expire: 600 });

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { data?: unknown; error?: string; error_description?: string };
}

async function send(
  base: string,
  method: string,
  path: string,
  options: { json?: unknown; raw?: string; contentType?: string; token?: string | null } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? validToken() : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType) headers['content-type'] = options.contentType;
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

function expectEasemobError(reply: Reply, status: number, error: string): void {
  expect(reply.status).toBe(status);
  expect(reply.body.error).toBe(error);
  expect(typeof reply.body.error_description).toBe('string');
  expect(typeof reply.body.exception).toBe('string');
  expect(typeof reply.body.timestamp).toBe('number');
}

const roomIdByName = (emulator: AgoraEmulator, name: string) =>
  [...emulator.rooms.values()].find((r) => r.name === name)!.id;

describe('Agora emulator', () => {
  let emulator: AgoraEmulator;
  let base: string;

  // A fresh seeded emulator per test, so tests do not depend on their order.
  beforeEach(async () => {
    emulator = createAgoraEmulator();
    base = await emulator.start(0);
  });
  afterEach(() => emulator.stop());

  describe('seed', () => {
    it('starts with the sandbox users and three rooms, newest first, in the array-shaped list', async () => {
      const fresh = createAgoraEmulator();
      expect([...fresh.users].sort()).toEqual(['alice', 'bob', 'carol', 'dave', 'ops-bot']);
      const again = createAgoraEmulator();
      expect([...again.rooms.keys()]).toEqual([...fresh.rooms.keys()]);

      // Its own emulator: the shared one holds rooms other tests created, in any order.
      const freshBase = await fresh.start(0);
      const reply = await send(freshBase, 'GET', `${PREFIX}/chatrooms?limit=10`).finally(() => fresh.stop());
      expect(reply.status).toBe(200);
      expect(reply.body.action).toBe('get');
      expect(reply.body.organization).toBe(creds.orgName);
      expect(reply.body.applicationName).toBe(creds.appName);
      expect(reply.body.count).toBe(3);
      expect(reply.body.cursor).toBeUndefined();
      expect(reply.body.params).toEqual({ limit: ['10'] });
      const data = reply.body.data as Array<Record<string, unknown>>;
      expect(data.map((r) => r.name)).toEqual(['Beta testers', 'Support', 'Town hall']);
      const townHall = data.find((r) => r.name === 'Town hall')!;
      expect(townHall).toMatchObject({ owner: 'alice', affiliations_count: 3, disabled: false });
      expect(townHall.id).toMatch(/^\d{15}$/);
    });

    it('gives details with one-key affiliations, owner last', async () => {
      const id = roomIdByName(emulator, 'Town hall');
      const reply = await send(base, 'GET', `${PREFIX}/chatrooms/${id}`);
      expect(reply.status).toBe(200);
      const [room] = reply.body.data as Array<Record<string, unknown>>;
      expect(room).toMatchObject({
        id,
        name: 'Town hall',
        owner: 'alice',
        maxusers: 500,
        affiliations_count: 3,
        affiliations: [{ member: 'bob' }, { member: 'carol' }, { owner: 'alice' }],
      });
    });
  });

  describe('authentication', () => {
    it('refuses a request without Authorization with 401 unauthorized', async () => {
      expectEasemobError(
        await send(base, 'GET', `${PREFIX}/chatrooms`, { token: null }),
        401,
        'unauthorized',
      );
    });

    it('refuses a token signed with another App Certificate', async () => {
      const token = buildToken({
        ...creds,
        appCertificate: 'ffffffffffffffffffffffffffffffff',
        issueTs: nowSeconds(),
        expire: 600,
      });
      const reply = await send(base, 'GET', `${PREFIX}/chatrooms`, { token });
      expectEasemobError(reply, 401, 'auth_bad_access_token');
      expect(reply.body.error_description).toContain('signature');
    });

    it('refuses a token whose signed payload was altered', async () => {
      const token = validToken();
      // Payload: str(sig) = 2+32 bytes, str(appId) = 2+32, issueTs 4, then expire at 72–75:
      // stretching the expiry must break the signature.
      const reply = await send(base, 'GET', `${PREFIX}/chatrooms`, { token: tamper(token, 74) });
      expectEasemobError(reply, 401, 'auth_bad_access_token');
      expect(reply.body.error_description).toContain('signature mismatch');
    });

    it('refuses a token issued for another App ID', async () => {
      const token = buildToken({
        ...creds,
        appId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        issueTs: nowSeconds(),
        expire: 600,
      });
      expectEasemobError(
        await send(base, 'GET', `${PREFIX}/chatrooms`, { token }),
        401,
        'auth_bad_access_token',
      );
    });

    it('refuses an expired token with the "expired" message', async () => {
      const token = buildToken({ ...creds, issueTs: nowSeconds() - 7200, expire: 600 });
      const reply = await send(base, 'GET', `${PREFIX}/chatrooms`, { token });
      expectEasemobError(reply, 401, 'unauthorized');
      expect(reply.body.error_description).toBe('Unable to authenticate due to expired access token');
    });

    it('refuses a Chat user token (only app tokens are accepted)', async () => {
      const token = buildToken({
        ...creds,
        issueTs: nowSeconds(),
        expire: 600,
        privilege: 1,
        userId: 'alice',
      });
      expectEasemobError(
        await send(base, 'GET', `${PREFIX}/chatrooms`, { token }),
        401,
        'auth_bad_access_token',
      );
    });

    it('refuses garbage after the 007 prefix', async () => {
      expectEasemobError(
        await send(base, 'GET', `${PREFIX}/chatrooms`, { token: '007notbase64!!' }),
        401,
        'auth_bad_access_token',
      );
      expectEasemobError(
        await send(base, 'GET', `${PREFIX}/chatrooms`, { token: 'YWMtabcdef' }),
        401,
        'auth_bad_access_token',
      );
    });

    it('answers an unknown org/app pair with 404 organization_application_not_found', async () => {
      expectEasemobError(
        await send(base, 'GET', '/other-org/other-app/chatrooms'),
        404,
        'organization_application_not_found',
      );
      expectEasemobError(
        await send(base, 'GET', `/${creds.orgName}/nope/chatrooms`),
        404,
        'organization_application_not_found',
      );
    });
  });

  describe('request checks', () => {
    it('answers 415 when a body is not sent as application/json', async () => {
      const reply = await send(base, 'POST', `${PREFIX}/chatrooms`, {
        raw: 'name=x&description=y&owner=alice',
        contentType: 'application/x-www-form-urlencoded',
      });
      expectEasemobError(reply, 415, 'web_application');
    });

    it('answers 400 json_parse for malformed JSON (the seed modify example with its trailing comma)', async () => {
      const id = roomIdByName(emulator, 'Support');
      const reply = await send(base, 'PUT', `${PREFIX}/chatrooms/${id}`, {
        raw: '{"name":"testchatroom","description":"test","maxusers":300,}',
        contentType: 'application/json',
      });
      expectEasemobError(reply, 400, 'json_parse');
    });

    it('names the missing required field at create', async () => {
      const reply = await send(base, 'POST', `${PREFIX}/chatrooms`, {
        json: { name: 'x', description: 'y' },
      });
      expectEasemobError(reply, 400, 'invalid_parameter');
      expect(reply.body.error_description).toBe('owner must be provided');
    });

    it('refuses an owner or member who is not a registered user', async () => {
      const owner = await send(base, 'POST', `${PREFIX}/chatrooms`, {
        json: { name: 'x', description: 'y', owner: 'mallory' },
      });
      expectEasemobError(owner, 404, 'resource_not_found');
      expect(owner.body.error_description).toBe("username mallory doesn't exist!");
      const member = await send(base, 'POST', `${PREFIX}/chatrooms`, {
        json: { name: 'x', description: 'y', owner: 'alice', members: ['bob', 'zed'] },
      });
      expect(member.body.error_description).toBe("username zed doesn't exist!");
    });

    it('refuses maxusers out of 1–10000 and an empty members array', async () => {
      const big = await send(base, 'POST', `${PREFIX}/chatrooms`, {
        json: { name: 'x', description: 'y', owner: 'alice', maxusers: 10001 },
      });
      expectEasemobError(big, 400, 'invalid_parameter');
      const empty = await send(base, 'POST', `${PREFIX}/chatrooms`, {
        json: { name: 'x', description: 'y', owner: 'alice', members: [] },
      });
      expectEasemobError(empty, 400, 'invalid_parameter');
    });

    it('answers an unknown path 404 and a wrong verb 500 unsupported_service_operation', async () => {
      expectEasemobError(
        await send(base, 'GET', `${PREFIX}/nothing/here`),
        404,
        'service_resource_not_found',
      );
      expectEasemobError(
        await send(base, 'PATCH', `${PREFIX}/chatrooms`),
        500,
        'unsupported_service_operation',
      );
    });
  });

  describe('rooms', () => {
    it('creates a room with a server-assigned numeric id and the envelope', async () => {
      const reply = await send(base, 'POST', `${PREFIX}/chatrooms`, {
        json: {
          name: 'Launch',
          description: 'Launch day',
          owner: 'bob',
          maxusers: 50,
          members: ['carol', 'dave'],
        },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.action).toBe('post');
      const { id } = reply.body.data as { id: string };
      expect(id).toMatch(/^\d+$/);
      const stored = emulator.rooms.get(id)!;
      expect(stored).toMatchObject({
        name: 'Launch',
        owner: 'bob',
        maxusers: 50,
        members: ['carol', 'dave'],
      });
    });

    it('modifies only name/description/maxusers and answers groupname flags', async () => {
      const id = roomIdByName(emulator, 'Support');
      const extra = await send(base, 'PUT', `${PREFIX}/chatrooms/${id}`, {
        json: { name: 'Help', owner: 'bob' },
      });
      expectEasemobError(extra, 400, 'invalid_parameter');
      expect(extra.body.error_description).toBe('some of [owner] are not valid fields');
      const ok = await send(base, 'PUT', `${PREFIX}/chatrooms/${id}`, {
        json: { name: 'Help desk', maxusers: 300 },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.data).toEqual({ groupname: true, maxusers: true });
      expect(emulator.rooms.get(id)).toMatchObject({ name: 'Help desk', maxusers: 300 });
    });

    it('returns only the known rooms of several ids, and 404 when none exists', async () => {
      const id = roomIdByName(emulator, 'Town hall');
      const some = await send(base, 'GET', `${PREFIX}/chatrooms/${id}%2C999`);
      expect(some.status).toBe(200);
      expect((some.body.data as Array<{ id: string }>).map((r) => r.id)).toEqual([id]);
      expectEasemobError(
        await send(base, 'GET', `${PREFIX}/chatrooms/999%2C998`),
        404,
        'service_resource_not_found',
      );
    });

    it('sets an announcement by POST with a body and reads it back', async () => {
      const id = roomIdByName(emulator, 'Beta testers');
      const set = await send(base, 'POST', `${PREFIX}/chatrooms/${id}/announcement`, {
        json: { announcement: 'Build 42 is out' },
      });
      expect(set.body.data).toEqual({ id, result: true });
      const get = await send(base, 'GET', `${PREFIX}/chatrooms/${id}/announcement`);
      expect(get.body.data).toEqual({ announcement: 'Build 42 is out' });
      const long = await send(base, 'POST', `${PREFIX}/chatrooms/${id}/announcement`, {
        json: { announcement: 'x'.repeat(513) },
      });
      expectEasemobError(long, 403, 'exceed_limit');
    });

    it('mutes and unmutes all, both answered action "put" with mute: true', async () => {
      const id = roomIdByName(emulator, 'Beta testers');
      const on = await send(base, 'POST', `${PREFIX}/chatrooms/${id}/ban`);
      expect(on.body).toMatchObject({ action: 'put', data: { mute: true } });
      expect(emulator.rooms.get(id)!.mute).toBe(true);
      const off = await send(base, 'DELETE', `${PREFIX}/chatrooms/${id}/ban`);
      expect(off.body).toMatchObject({ action: 'put', data: { mute: true } });
      expect(emulator.rooms.get(id)!.mute).toBe(false);
    });

    it('deletes a room and then answers 404 resource_not_found for it', async () => {
      const created = await send(base, 'POST', `${PREFIX}/chatrooms`, {
        json: { name: 'Temp', description: 'tmp', owner: 'alice' },
      });
      const { id } = created.body.data as { id: string };
      const del = await send(base, 'DELETE', `${PREFIX}/chatrooms/${id}`);
      expect(del.body.data).toEqual({ success: true, id });
      expectEasemobError(await send(base, 'DELETE', `${PREFIX}/chatrooms/${id}`), 404, 'resource_not_found');
    });
  });

  describe('members', () => {
    it('lists owner then members, paged by pagenum/pagesize', async () => {
      const id = roomIdByName(emulator, 'Town hall');
      const first = await send(base, 'GET', `${PREFIX}/chatrooms/${id}/users?pagenum=1&pagesize=2`);
      expect(first.body.data).toEqual([{ owner: 'alice' }, { member: 'bob' }]);
      expect(first.body.count).toBe(2);
      const second = await send(base, 'GET', `${PREFIX}/chatrooms/${id}/users?pagenum=2&pagesize=2`);
      expect(second.body.data).toEqual([{ member: 'carol' }]);
    });

    it('refuses to add an existing member (403 forbidden_op) and an unknown user (404)', async () => {
      const id = roomIdByName(emulator, 'Town hall');
      expectEasemobError(
        await send(base, 'POST', `${PREFIX}/chatrooms/${id}/users/bob`),
        403,
        'forbidden_op',
      );
      expectEasemobError(
        await send(base, 'POST', `${PREFIX}/chatrooms/${id}/users/nobody`),
        404,
        'resource_not_found',
      );
    });

    it('adds many and answers newmembers without those already in', async () => {
      const created = await send(base, 'POST', `${PREFIX}/chatrooms`, {
        json: { name: 'Batch', description: 'b', owner: 'alice', members: ['bob'] },
      });
      const { id } = created.body.data as { id: string };
      const reply = await send(base, 'POST', `${PREFIX}/chatrooms/${id}/users`, {
        json: { usernames: ['bob', 'carol', 'dave'] },
      });
      expect(reply.body.data).toEqual({ newmembers: ['carol', 'dave'], action: 'add_member', id });
      const tooMany = await send(base, 'POST', `${PREFIX}/chatrooms/${id}/users`, {
        json: { usernames: Array.from({ length: 61 }, (_, i) => `u${i}`) },
      });
      expectEasemobError(tooMany, 400, 'invalid_parameter');
    });

    it('removes many with a per-user result array', async () => {
      const created = await send(base, 'POST', `${PREFIX}/chatrooms`, {
        json: { name: 'Rm', description: 'r', owner: 'alice', members: ['bob'] },
      });
      const { id } = created.body.data as { id: string };
      const reply = await send(base, 'DELETE', `${PREFIX}/chatrooms/${id}/users/carol%2Cbob`);
      expect(reply.status).toBe(200);
      const data = reply.body.data as Array<Record<string, unknown>>;
      expect(data).toHaveLength(2);
      expect(data[0]).toMatchObject({ result: false, user: 'carol', action: 'remove_member', id });
      expect(String(data[0]!.reason)).toContain("doesn't exist in group");
      expect(data[1]).toMatchObject({ result: true, user: 'bob' });
      expect(emulator.rooms.get(id)!.members).toEqual([]);
    });

    it('refuses to remove a non-member or the owner with 403 forbidden_op', async () => {
      const id = roomIdByName(emulator, 'Town hall');
      const reply = await send(base, 'DELETE', `${PREFIX}/chatrooms/${id}/users/dave`);
      expectEasemobError(reply, 403, 'forbidden_op');
      expect(reply.body.error_description).toBe('users [dave] are not members of this group!');
      expectEasemobError(
        await send(base, 'DELETE', `${PREFIX}/chatrooms/${id}/users/alice`),
        403,
        'forbidden_op',
      );
    });

    it("lists a user's joined rooms as an array", async () => {
      const reply = await send(base, 'GET', `${PREFIX}/users/carol/joined_chatrooms`);
      const names = (reply.body.data as Array<{ name: string }>).map((r) => r.name);
      expect(names).toContain('Town hall');
      expect(names).toContain('Beta testers');
      expect(reply.body.count).toBe(names.length);
    });
  });

  describe('rate limit', () => {
    it('answers 429 reach_limit in the Easemob error shape with Retry-After past the per-endpoint limit', async () => {
      const limited = createAgoraEmulator({ rateLimitPerSecond: 3 });
      const url = await limited.start(0);
      try {
        const token = validToken();
        const replies = await Promise.all(
          Array.from({ length: 5 }, () => send(url, 'GET', `${PREFIX}/chatrooms`, { token })),
        );
        const statuses = replies.map((r) => r.status).sort();
        expect(statuses).toEqual([200, 200, 200, 429, 429]);
        const refused = replies.find((r) => r.status === 429)!;
        expectEasemobError(refused, 429, 'reach_limit');
        expect(refused.body.error_description).toBe('This request has reached API limit.');
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        // Another endpoint has its own window.
        const other = await send(url, 'GET', `${PREFIX}/chatrooms/${roomIdByName(limited, 'Support')}`, {
          token,
        });
        expect(other.status).toBe(200);
        expect(limited.server.rateLimitViolations).toBe(2);
      } finally {
        await limited.stop();
      }
    });

    it('limits to 50 requests/s per endpoint by default', async () => {
      const limited = createAgoraEmulator();
      const url = await limited.start(0);
      try {
        const token = validToken();
        const replies = await Promise.all(
          Array.from({ length: 52 }, () => send(url, 'GET', `${PREFIX}/chatrooms?limit=1`, { token })),
        );
        expect(replies.filter((r) => r.status === 429)).toHaveLength(2);
      } finally {
        await limited.stop();
      }
    });
  });
});

describe('AccessToken2 verification (property)', () => {
  const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);

  it('decodes every field agora-token packed and accepts the token until it expires', () => {
    fc.assert(
      fc.property(
        hex32,
        hex32,
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 1, max: 99_999_999 }),
        (appId, appCertificate, issueTs, expire, salt) => {
          const token = buildToken({ appId, appCertificate, issueTs, expire, salt });
          const decoded = decodeAccessToken2(token);
          expect(decoded).toMatchObject({ appId, issueTs, expire, salt });
          expect(decoded.services[0]!.privileges.get(2)).toBe(expire);
          expect(verifyAppToken(token, { appId, appCertificate }, issueTs).ok).toBe(true);
          expect(verifyAppToken(token, { appId, appCertificate }, issueTs + expire)).toMatchObject({
            ok: false,
            error: 'unauthorized',
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses the token when any single bit of its payload is flipped', () => {
    const appId = creds.appId;
    const appCertificate = creds.appCertificate;
    const token = buildToken({ appId, appCertificate, issueTs: 1_700_000_000, expire: 3600, salt: 77 });
    const length = payloadOf(token).length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: length - 1 }), (offset) => {
        const check = verifyAppToken(tamper(token, offset), { appId, appCertificate }, 1_700_000_001);
        expect(check.ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
