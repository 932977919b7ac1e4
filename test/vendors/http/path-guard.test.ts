/**
 * The HTTP layer's defence in depth (src/vendors/http/path-guard.ts): a request
 * whose path a URL parser, proxy or server would rewrite is refused before it
 * is sent or recorded, whatever the caller validated. First VendorHttp against
 * a bare loopback server, then the real vendor clients against their sandbox
 * emulators with validation bypassed: `..` as an Agora user must not delete the room.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type SandboxEmulators,
  sandboxAccounts,
  startSandboxEmulators,
} from '../../../src/sandbox/sandbox-emulators.js';
import { createVendorClient } from '../../../src/vendors/create-client.js';
import { assertPathUnchanged, UnsafePathError } from '../../../src/vendors/http/path-guard.js';
import type { RecordedRequest, RequestSpec } from '../../../src/vendors/http/types.js';
import { VendorHttp } from '../../../src/vendors/http/vendor-http.js';
import type { VendorClient } from '../../../src/vendors/types.js';

const SECRET = 'path-guard-secret-0001';
let server: Server;
let origin: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

function http(recorder?: RecordedRequest[]): VendorHttp {
  return new VendorHttp({
    vendor: 'agora',
    account: 'guard-test',
    baseUrl: origin,
    timeoutMs: 2000,
    rateLimit: 1000,
    secrets: [SECRET],
    classify: () => undefined,
    ...(recorder ? { recorder } : {}),
  });
}

const spec = (path: string, query?: RequestSpec['query']): RequestSpec => ({
  method: 'DELETE',
  path,
  ...(query ? { query } : {}),
  idempotent: true,
  operation: 'guard-test',
});

async function refusal(promise: Promise<unknown>): Promise<UnsafePathError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UnsafePathError) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('VendorHttp path guard', () => {
  const REWRITTEN: [string, string][] = [
    ['/org/app/chatrooms/42/users/..', '/org/app/chatrooms/42/'],
    ['/org/app/chatrooms/42/users/.', '/org/app/chatrooms/42/users/'],
    ['/org/app/chatrooms/%2e%2E/x', '/org/app/x'],
    ['/org/app/chatrooms/.%2e', '/org/app/'],
    ['/org/app/chatrooms/a\\..', '/org/app/chatrooms/'],
    ['/org/app/chatrooms/a?b', '/org/app/chatrooms/a'],
    ['/org/app/chatrooms/a#b', '/org/app/chatrooms/a'],
    ['/org/app/chatrooms/a b', '/org/app/chatrooms/a%20b'],
  ];

  it.each(REWRITTEN)('refuses %j (it would reach %s) and sends nothing', async (path, reached) => {
    const client = http();
    try {
      const error = await refusal(client.call(spec(path), z.unknown()));
      expect(error.code).toBe('invalid_input');
      expect(error.normalised).toBe(reached);
      expect(error.message).toContain(`from ${path} to ${reached}`);
    } finally {
      await client.close();
    }
    expect(seen).toEqual([]);
  });

  it('sends encoded ids and any query unchanged', async () => {
    const client = http();
    try {
      await client.call(
        spec('/org/app/chatrooms/1%2C2/users/j.doe%20x', { cursor: '../a/b?c#d' }),
        z.unknown(),
      );
    } finally {
      await client.close();
    }
    expect(seen).toEqual(['/org/app/chatrooms/1%2C2/users/j.doe%20x?cursor=..%2Fa%2Fb%3Fc%23d']);
  });

  it('records nothing under --dry-run for a refused path', async () => {
    const recorded: RecordedRequest[] = [];
    const client = http(recorded);
    await refusal(client.call(spec('/org/app/chatrooms/7/users/..'), z.unknown()));
    expect(recorded).toEqual([]);
  });

  it('never shows a credential from the path in its message', async () => {
    const client = http();
    const error = await refusal(client.call(spec(`/org/${SECRET}/x/..`), z.unknown()));
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('/x/..');
    await client.close();
  });
});

describe('assertPathUnchanged', () => {
  /** Path pieces that matter to a URL parser, mixed with plain ones. */
  const piece = fc.constantFrom(
    ...[
      '/',
      'a',
      'Z9',
      '.',
      '..',
      '%2e',
      '%2E',
      '.%2e',
      '%',
      '%2F',
      '%41',
      '\\',
      '?',
      '#',
      ' ',
      '"',
      '{',
      '~',
      "'",
      '@',
      ':',
      ';',
      '=',
      '+',
      ',',
      '\t',
      '\u00e9',
      '\u0000',
      '_',
      '-',
    ],
  );
  it('refuses exactly the paths whose WHATWG-normalised form differs', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const path = `/${pieces.join('')}`;
        const stable = new URL(`http://127.0.0.1:9${path}`).pathname === path;
        let refused = false;
        try {
          assertPathUnchanged('http://127.0.0.1:9', path, 'test', (t) => t);
        } catch (error) {
          refused = error instanceof UnsafePathError;
        }
        expect(refused, path).toBe(!stable);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('vendor clients with validation bypassed', () => {
  let emulators: SandboxEmulators;
  const clients = new Map<string, VendorClient>();
  const total = () =>
    emulators.agora.server.log.length +
    emulators.iflychat.server.log.length +
    emulators.rongcloud.server.log.length +
    emulators.watchers.server.log.length;

  beforeAll(async () => {
    emulators = await startSandboxEmulators();
    for (const [name, account] of Object.entries(sandboxAccounts(emulators.urls)))
      clients.set(name, await createVendorClient(name, account));
  });
  afterAll(async () => {
    await Promise.all([...clients.values()].map((c) => c.close()));
    await emulators.stop();
  });

  it('an Agora member "..": the remove is refused, no request leaves, the room stays', async () => {
    const agora = clients.get('agora')!;
    const room = [...emulators.agora.rooms.values()].find((r) => r.name === 'Town hall')!.id;
    const before = total();
    await refusal(agora.removeMembers(room, ['..']));
    await refusal(agora.kick(room, '..', {}));
    expect(total()).toBe(before);
    expect(emulators.agora.rooms.has(room)).toBe(true);
    const [info] = await agora.getRooms([room]);
    expect(info?.ok).toBe(true);
  });

  it('dot-only room and user ids in Agora, iFlyChat and Watchers paths are refused', async () => {
    const before = total();
    await refusal(clients.get('agora')!.deleteRooms(['..']));
    await refusal(clients.get('ifly')!.deleteRooms(['..']));
    await refusal(clients.get('ifly')!.kick('1', '..', {}));
    // room/../users would be users/list: every user online on the site.
    await refusal(clients.get('ifly')!.listMembers('..', {}));
    await refusal(clients.get('watch')!.deleteRooms(['..']));
    await refusal(clients.get('watch')!.getRooms(['.']));
    expect(total()).toBe(before);
  });
});
