/**
 * `--dry-run` in the HTTP layer (src/vendors/http/dry-run.ts): VendorHttp with
 * a recorder opens no connection, records each request (credentials masked,
 * a check left out) and answers it with the stand-in, validated by the
 * request's schema like a real reply. A loopback server counts connections.
 */
import { type AddressInfo, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VendorError } from '../../../src/vendors/errors.js';
import type { RecordedRequest, RequestSpec } from '../../../src/vendors/http/types.js';
import { VendorHttp } from '../../../src/vendors/http/vendor-http.js';

const SECRET = 'dry-run-secret-0001';
let server: Server;
let origin: string;
let connections = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  connections = 0;
});

function recording(recorder: RecordedRequest[], standIn?: (spec: RequestSpec) => unknown): VendorHttp {
  return new VendorHttp({
    vendor: 'agora',
    account: 'dry-test',
    baseUrl: origin,
    timeoutMs: 2000,
    rateLimit: 1000,
    secrets: [SECRET],
    authorize: () => ({ authorization: `Bearer ${SECRET}` }),
    classify: () => undefined,
    recorder,
    ...(standIn ? { standIn } : {}),
  });
}

const post = (path: string, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  method: 'POST',
  path,
  body: { kind: 'json', value: { name: 'x', token: SECRET } },
  idempotent: false,
  operation: path.slice(1),
  ...extra,
});

describe('VendorHttp under --dry-run', () => {
  it('records the request with its credentials masked, answers with the stand-in and opens no connection', async () => {
    const recorder: RecordedRequest[] = [];
    const http = recording(recorder, (spec) => ({ id: `new-${spec.operation}` }));
    const reply = await http.call(post('/rooms', { query: { key: SECRET } }), z.object({ id: z.string() }));
    expect(reply.data).toEqual({ id: 'new-rooms' });
    expect(recorder).toEqual([
      {
        method: 'POST',
        url: `${origin}/rooms?key=[redacted]`,
        headers: {
          accept: 'application/json',
          authorization: '[redacted]',
          'content-type': 'application/json',
        },
        body: { name: 'x', token: '[redacted]' },
      },
    ]);
    await http.close();
    expect(connections).toBe(0);
  });

  it('answers a check without showing it, and the requests around it in order', async () => {
    const recorder: RecordedRequest[] = [];
    const http = recording(recorder, () => ({}));
    await http.call(post('/first'), z.unknown());
    await http.call(post('/exists', { method: 'GET', body: undefined, check: true }), z.object({}));
    await http.call(post('/second'), z.unknown());
    expect(recorder.map((r) => new URL(r.url).pathname)).toEqual(['/first', '/second']);
    expect(connections).toBe(0);
  });

  it("takes the request's own stand-in over the vendor's", async () => {
    const http = recording([], () => ({ rooms: [] }));
    const schema = z.object({ rooms: z.array(z.string()) });
    const own = await http.call(post('/list', { standIn: { rooms: ['known'] } }), schema);
    const vendors = await http.call(post('/list'), schema);
    expect(own.data.rooms).toEqual(['known']);
    expect(vendors.data.rooms).toEqual([]);
  });

  it('validates the stand-in like a reply: one that does not fit is vendor_bad_reply, not a silent pass', async () => {
    const http = recording([], () => ({ code: 'not a number' }));
    const error = await http.call(post('/get'), z.object({ code: z.number() })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect((error as VendorError).code).toBe('vendor_bad_reply');
    expect(connections).toBe(0);
  });
});
