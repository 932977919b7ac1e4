/**
 * DESIGN.md "Nothing lost after the vendor acted": vendor bodies are read up
 * to a cap (default 5 MiB, `maxReplyBytes` per account). A longer reply is
 * vendor_bad_reply naming the cap, and its connection is dropped rather than
 * drained into memory.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgoraEmulator, createAgoraEmulator } from '../../../src/sandbox/agora/emulator.js';
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox/credentials.js';
import { agoraAccount } from '../../../src/vendors/account.js';
import { createAgoraClient } from '../../../src/vendors/agora/client.js';
import { VendorError } from '../../../src/vendors/errors.js';
import { VendorHttp } from '../../../src/vendors/http/vendor-http.js';
import type { VendorClient } from '../../../src/vendors/types.js';

const MiB = 1024 * 1024;

async function rejection(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

describe('reply cap against a server that streams without Content-Length', () => {
  let server: Server;
  let base: string;
  /** Bytes the endless reply managed to write before the client hung up, and whether it saw the close. */
  const endless = { written: 0, closed: false, served: 0 };

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/small') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
        return;
      }
      endless.served += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.write('{"pad":"');
      const pump = () => {
        // Stops at 64 MiB so a client that never hangs up cannot hang the test.
        while (endless.written < 64 * MiB && !res.destroyed) {
          endless.written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end('"}');
      };
      res.on('close', () => {
        endless.closed = !res.writableFinished;
      });
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const http = (maxReplyBytes?: number) =>
    new VendorHttp({
      vendor: 'agora',
      account: 'capped',
      baseUrl: base,
      timeoutMs: 10_000,
      rateLimit: 1000,
      secrets: [],
      classify: () => undefined,
      ...(maxReplyBytes !== undefined ? { maxReplyBytes } : {}),
    });

  it('stops at the default 5 MiB with vendor_bad_reply naming the cap, drops the connection, and is not retried', async () => {
    const client = http();
    try {
      const spec = { method: 'GET' as const, path: '/huge', idempotent: true, operation: 'huge' };
      const error = await rejection(client.call(spec, z.unknown()));
      expect(error.code).toBe('vendor_bad_reply');
      expect(error.message).toContain('5 MiB');
      expect(error.message).toContain('accounts.capped.maxReplyBytes');
      expect(endless.served).toBe(1);
      await expect.poll(() => endless.closed).toBe(true);
      // Far less than the 64 MiB the server would have sent: the client hung up.
      expect(endless.written).toBeLessThan(32 * MiB);
      // The pool is still usable: the next request gets a fresh connection.
      const small = await client.call({ ...spec, path: '/small' }, z.object({ ok: z.literal(true) }));
      expect(small.data.ok).toBe(true);
    } finally {
      await client.close();
    }
  });
});

describe('reply cap through a vendor client and the emulator', () => {
  let emulator: AgoraEmulator;
  let base: string;
  const clients: VendorClient[] = [];
  const creds = SANDBOX_CREDENTIALS.agora;
  const client = (maxReplyBytes?: number) => {
    const made = createAgoraClient(
      agoraAccount.parse({
        vendor: 'agora',
        baseUrl: base,
        orgName: creds.orgName,
        appName: creds.appName,
        appId: creds.appId,
        appCertificate: creds.appCertificate,
        ...(maxReplyBytes !== undefined ? { maxReplyBytes } : {}),
      }),
      'agora-capped',
    );
    clients.push(made);
    return made;
  };
  const listWith = (bytes: number) => ({
    data: [{ id: '1', name: 'x'.repeat(bytes) }],
    count: 1,
  });

  beforeAll(async () => {
    emulator = createAgoraEmulator();
    base = await emulator.start(0);
  });
  afterEach(() => emulator.server.clearFaults());
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await emulator.stop();
  });

  it('reads a 4 MiB reply and refuses a 6 MiB one under the default cap', async () => {
    emulator.server.injectFault({ kind: 'variant', path: '/chatrooms$/', json: listWith(4 * MiB) });
    const page = await client().listRooms({});
    expect(page.items[0]?.name).toHaveLength(4 * MiB);
    emulator.server.injectFault({ kind: 'variant', path: '/chatrooms$/', json: listWith(6 * MiB) });
    const error = await rejection(client().listRooms({}));
    expect(error.code).toBe('vendor_bad_reply');
    expect(error.message).toContain('5 MiB');
  });

  it('honours a per-account maxReplyBytes', async () => {
    emulator.server.injectFault({ kind: 'variant', path: '/chatrooms$/', json: listWith(4096) });
    const error = await rejection(client(2048).listRooms({}));
    expect(error.code).toBe('vendor_bad_reply');
    expect(error.message).toContain('2048 bytes');
    expect(error.message).toContain('accounts.agora-capped.maxReplyBytes');
  });

  it('refuses a maxReplyBytes below 1 KiB in the account schema, naming the field', () => {
    const parsed = agoraAccount.safeParse({
      vendor: 'agora',
      baseUrl: base,
      orgName: 'o',
      appName: 'a',
      appToken: 't0ken',
      maxReplyBytes: 10,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['maxReplyBytes']);
  });
});
