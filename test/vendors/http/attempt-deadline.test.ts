/**
 * The per-attempt deadline covers headers and body: a vendor that sends its
 * headers and then stalls mid-body is a vendor_timeout after timeoutMs, not a
 * hang, and the stalled connection is dropped.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isVendorError, type VendorError } from '../../../src/vendors/errors.js';
import { VendorHttp } from '../../../src/vendors/http/vendor-http.js';

let server: Server;
let origin = '';
const arrivals: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    arrivals.push(req.url ?? '');
    if (req.url === '/stall-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":'); // and never the rest
      return;
    }
    if (req.url === '/stall-headers') return; // never answers
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

const http = () =>
  new VendorHttp({
    vendor: 'watchers',
    account: 'deadline-test',
    baseUrl: origin,
    timeoutMs: 300,
    rateLimit: 1000,
    secrets: [],
    classify: () => undefined,
  });

async function timing(path: string): Promise<{ error: VendorError; ms: number }> {
  const client = http();
  const started = performance.now();
  try {
    await client.call({ method: 'POST', path, idempotent: false, operation: 'deadline' }, z.unknown());
  } catch (error) {
    if (!isVendorError(error)) throw error;
    return { error, ms: performance.now() - started };
  } finally {
    await client.close();
  }
  throw new Error(`${path} answered`);
}

describe('attempt deadline', () => {
  it('ends an attempt whose body stalls after the headers as vendor_timeout', async () => {
    const { error, ms } = await timing('/stall-body');
    expect(error.code).toBe('vendor_timeout');
    expect(error.message).toContain('no answer within 300 ms');
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(5_000);
  });

  it('ends an attempt that gets no headers as vendor_timeout, sent once (not idempotent)', async () => {
    arrivals.length = 0;
    const { error } = await timing('/stall-headers');
    expect(error.code).toBe('vendor_timeout');
    expect(arrivals).toEqual(['/stall-headers']);
  });

  it('a timely answer is read in full', async () => {
    const client = http();
    try {
      const { data } = await client.call(
        { method: 'GET', path: '/ok', idempotent: true, operation: 'deadline' },
        z.object({ ok: z.boolean() }),
      );
      expect(data).toEqual({ ok: true });
    } finally {
      await client.close();
    }
  });
});
