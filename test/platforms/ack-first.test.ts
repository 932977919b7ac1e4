/**
 * Work after an ack waits for the requests still waiting for their own ack,
 * but never longer than its bound, and none of it is lost.
 */
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AckFirst } from '../../src/platforms/ack-first.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A port whose responses the test sends by hand, counted by `gate`. */
async function heldPort(gate: AckFirst): Promise<{ send(): Promise<ServerResponse>; url: string }> {
  const arrived: ((res: ServerResponse) => void)[] = [];
  server = createServer(gate.track((_req, res) => arrived.shift()?.(res)));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    send: () =>
      new Promise<ServerResponse>((resolve) => {
        arrived.push(resolve);
        request(url, { method: 'POST' }, (res) => res.resume())
          // The test that drops a connection makes this request fail: expected there.
          .on('error', () => {})
          .end('x');
      }),
  };
}

const settledWithin = async (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('AckFirst', () => {
  it('holds work while a request waits for its ack, and lets it in once that ack is sent', async () => {
    const gate = new AckFirst(10_000);
    const port = await heldPort(gate);
    const pending = await port.send();
    const turn = gate.turn();
    expect(await settledWithin(turn, 150)).toBe(false);
    pending.writeHead(200).end();
    expect(await settledWithin(turn, 2_000)).toBe(true);
  });

  it('lets work in after the longest wait even while acks are still pending', async () => {
    const gate = new AckFirst(50);
    const port = await heldPort(gate);
    const pending = await port.send();
    const started = performance.now();
    await gate.turn();
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    pending.writeHead(200).end();
  });

  it('counts a connection that closes without a response as no longer waiting', async () => {
    const gate = new AckFirst(10_000);
    const port = await heldPort(gate);
    const pending = await port.send();
    const turn = gate.turn();
    expect(await settledWithin(turn, 100)).toBe(false);
    pending.socket?.destroy();
    expect(await settledWithin(turn, 2_000)).toBe(true);
  });

  it('starts every queued piece of work, in order, when nothing is pending', async () => {
    const gate = new AckFirst(10_000);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map((n) => gate.turn().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });
});
