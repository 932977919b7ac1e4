import { afterEach, describe, expect, it } from 'vitest';
import { createAgoraEmulator } from '../../src/sandbox/agora/emulator.js';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { createIflychatEmulator } from '../../src/sandbox/iflychat/emulator.js';
import type { EmulatorHandle, EmulatorOptions } from '../../src/sandbox/kit/define-emulator.js';
import { RouteMatcher } from '../../src/sandbox/kit/route-matcher.js';
import type { EmulatorResponse } from '../../src/sandbox/kit/types.js';
import { createRongcloudEmulator } from '../../src/sandbox/rongcloud/emulator.js';
import { createWatchersEmulator } from '../../src/sandbox/watchers/emulator.js';
import { buildToken } from './agora.tokens.js';

type Handle = EmulatorHandle<{ rooms: Map<unknown, unknown> }, unknown>;

/** The four factories, used through the one options type and the one handle. */
const FACTORIES: Array<[string, (options?: EmulatorOptions<never>) => Handle]> = [
  ['iflychat', createIflychatEmulator],
  ['rongcloud', createRongcloudEmulator],
  ['watchers', createWatchersEmulator],
  ['agora', createAgoraEmulator],
];

const started: Handle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.stop()));
});

async function start(handle: Handle): Promise<Handle> {
  started.push(handle);
  await handle.start();
  return handle;
}

describe.each(FACTORIES)('%s emulator: the one factory shape', (name, create) => {
  it('seeds rooms by default and none with seed: false', () => {
    expect(create().rooms.size).toBeGreaterThan(0);
    expect(create({ seed: false }).rooms.size).toBe(0);
    expect(create().name).toBe(name);
  });

  it('has no url before start, then the one start returned; the request log fills as it answers', async () => {
    const handle = create();
    expect(() => handle.url).toThrow(/not started/);
    const url = await handle.start(0);
    started.push(handle);
    expect(handle.url).toBe(url);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await fetch(`${url}/no/such/path`);
    expect(handle.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/no/such/path' })]);
    expect(handle.requests).toBe(handle.server.log);
  });

  it('arms the faults option before the first request, in the vendor its own 5xx shape', async () => {
    const handle = await start(create({ faults: [{ kind: 'status', status: 503, count: 2 }] }));
    const first = await fetch(`${handle.url}/anything`, { method: 'POST' });
    expect(first.status).toBe(503);
    expect(await first.text()).not.toBe('');
    expect((await fetch(`${handle.url}/anything`, { method: 'POST' })).status).toBe(503);
    expect((await fetch(`${handle.url}/anything`, { method: 'POST' })).status).not.toBe(503);
    expect(handle.server.faults).toHaveLength(0);
  });
});

describe('the factory options reach each vendor', () => {
  it('credentials: the emulator accepts the ones given and reports them', async () => {
    const apiKey = 'another-ifly-key-0002';
    const handle = await start(createIflychatEmulator({ credentials: { apiKey } }) as unknown as Handle);
    const list = (key: string) =>
      fetch(`${handle.url}/api/1.1/rooms/list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: key }),
      });
    expect((await list(apiKey)).status).toBe(200);
    expect((await list(SANDBOX_CREDENTIALS.iflychat.apiKey)).status).toBe(403);
    expect(handle.credentials).toEqual({ apiKey });
  });

  it('rateLimitPerSecond: 0 turns the limit off where the vendor has one', async () => {
    const handle = await start(createAgoraEmulator({ rateLimitPerSecond: 0 }) as unknown as Handle);
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => fetch(`${handle.url}/nowhere`).then((r) => r.status)),
    );
    expect(answers.filter((s) => s === 429)).toHaveLength(0);
    expect(handle.server.rateLimitViolations).toBe(0);
  });

  it('now: the Agora token check reads the clock given (a fresh token is expired two hours on)', async () => {
    const creds = SANDBOX_CREDENTIALS.agora;
    const token = buildToken({ ...creds, issueTs: Math.floor(Date.now() / 1000), expire: 600 });
    const rooms = async (handle: Handle) =>
      (
        await fetch(`${handle.url}/${creds.orgName}/${creds.appName}/chatrooms`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status;
    const later = await start(
      createAgoraEmulator({ now: () => Date.now() + 2 * 3600_000 }) as unknown as Handle,
    );
    const today = await start(createAgoraEmulator() as unknown as Handle);
    expect(await rooms(later)).toBe(401);
    expect(await rooms(today)).toBe(200);
  });
});

describe('the kit route matcher', () => {
  const answer = (): EmulatorResponse => ({ status: 200 });
  const matcher = new RouteMatcher([
    { method: 'GET', pattern: '/rooms/:id', handler: answer },
    { method: 'DELETE', pattern: '/rooms/:id', handler: answer },
    { method: 'POST', pattern: '/rooms/:id/users/:user', handler: answer },
    { method: 'POST', pattern: '/chatroom/get.json', handler: answer },
  ]);

  it('takes one segment per parameter, percent-decoded, with an optional trailing slash', () => {
    expect(matcher.match('GET', '/rooms/a%20b')?.params).toEqual({ id: 'a b' });
    expect(matcher.match('GET', '/rooms/42/')?.params).toEqual({ id: '42' });
    expect(matcher.match('POST', '/rooms/1/users/u%2F2')?.params).toEqual({ id: '1', user: 'u/2' });
    expect(matcher.match('GET', '/rooms/1/2')).toBeUndefined();
    expect(matcher.match('GET', '/rooms/')).toBeUndefined();
  });

  it('matches literal segments literally (a dot is not a wildcard)', () => {
    expect(matcher.match('POST', '/chatroom/get.json')).toBeDefined();
    expect(matcher.match('POST', '/chatroom/getxjson')).toBeUndefined();
  });

  it('tells the methods a path has, so a wrong verb differs from an unknown path', () => {
    expect(matcher.match('PUT', '/rooms/1')).toBeUndefined();
    expect(matcher.methodsFor('/rooms/1').sort()).toEqual(['DELETE', 'GET']);
    expect(matcher.methodsFor('/nowhere')).toEqual([]);
  });
});
