import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorServer } from '../../src/sandbox/kit/emulator-server.js';

const reply = () => ({ status: 200, json: { ok: true } });

describe('emulator request log', () => {
  const server = new EmulatorServer({
    name: 'bounded',
    routes: [{ method: 'GET', pattern: '/echo/:n', handler: reply }],
    rateLimited: () => ({ status: 429 }),
    serverError: (status) => ({ status }),
    notFound: () => ({ status: 404 }),
    logLimit: 20,
  });
  let base: string;

  beforeAll(async () => {
    base = await server.start(0);
  });
  afterAll(() => server.stop());

  it('keeps at most logLimit entries, newest last', async () => {
    for (let n = 0; n < 75; n++) {
      const res = await fetch(`${base}/echo/${n}`);
      expect(res.status).toBe(200);
    }
    expect(server.log.length).toBeLessThanOrEqual(20);
    expect(server.log.length).toBeGreaterThan(0);
    expect(server.log.at(-1)?.path).toBe('/echo/74');
    expect(server.log.some((r) => r.path === '/echo/0')).toBe(false);
    const listed = (await (await fetch(`${base}/__sandbox/requests`)).json()) as { requests: unknown[] };
    expect(listed.requests.length).toBeLessThanOrEqual(20);
  });

  it('refuses more pending faults than it can hold, over the control endpoint too', async () => {
    server.clearFaults();
    for (let n = 0; n < 1000; n++) server.injectFault({ kind: 'status', path: '/never' });
    expect(() => server.injectFault({ kind: 'status', path: '/never' })).toThrow(/at most 1000/);
    const res = await fetch(`${base}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status', path: '/never' }),
    });
    expect(res.status).toBe(400);
    expect(server.faults).toHaveLength(1000);
    server.clearFaults();
  });
});
