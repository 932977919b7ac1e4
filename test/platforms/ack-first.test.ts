/**
 * Work after an ack waits for the requests still waiting for their own ack,
 * but never longer than its bound, and none of it is lost.
 */
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AckFirst } from '../../src/platforms/ack-first.js';
import { InFlight } from '../../src/platforms/in-flight.js';

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

  describe('with a backlog bound', () => {
    /** A port whose listener answers at once and counts the requests it saw. */
    async function answeringPort(gate: AckFirst): Promise<{ url: string; seen: () => number }> {
      let seen = 0;
      server = createServer(
        gate.track((_req, res) => {
          seen++;
          res.writeHead(200).end('ok');
        }),
      );
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen: () => seen };
    }

    const post = (url: string) =>
      new Promise<{ status: number; retryAfter?: string; body: string }>((resolve, reject) => {
        request(url, { method: 'POST', agent: false }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body,
              ...(res.headers['retry-after'] ? { retryAfter: String(res.headers['retry-after']) } : {}),
            }),
          );
        })
          .on('error', reject)
          .end('x');
      });

    /** Work after acks that finishes when the test says so. */
    function heldWork(inFlight: InFlight, count: number): (() => void)[] {
      const finishers: (() => void)[] = [];
      for (let i = 0; i < count; i++)
        void inFlight.run(() => new Promise<void>((resolve) => finishers.push(resolve)));
      return finishers;
    }

    it('holds a request, unread, while the backlog is full and lets it in when work finishes', async () => {
      // Called only once work settles, after `gate` exists.
      const inFlight: InFlight = new InFlight(() => gate.settled());
      const gate = new AckFirst(10_000, { size: () => inFlight.size, max: 2, maxHoldMs: 10_000 });
      const port = await answeringPort(gate);
      const finish = heldWork(inFlight, 2);
      const answer = post(port.url);
      expect(await settledWithin(answer, 150)).toBe(false);
      expect(port.seen()).toBe(0);
      expect(gate.heldCount).toBe(1);
      finish[0]!();
      expect((await answer).status).toBe(200);
      expect(port.seen()).toBe(1);
      finish[1]!();
    });

    it('refuses a request held past its longest wait with 503 and Retry-After, unseen by the listener', async () => {
      let refused = 0;
      const inFlight = new InFlight();
      const gate = new AckFirst(10_000, {
        size: () => inFlight.size,
        max: 1,
        maxHoldMs: 100,
        onRefused: () => refused++,
      });
      const port = await answeringPort(gate);
      const finish = heldWork(inFlight, 1);
      const started = performance.now();
      const answer = await post(port.url);
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
      expect(answer).toMatchObject({ status: 503, retryAfter: '1' });
      expect(answer.body).toContain('busy');
      expect(port.seen()).toBe(0);
      expect(refused).toBe(1);
      expect(gate.heldCount).toBe(0);
      finish[0]!();
    });

    it('refuses at once beyond `max` held requests, and keeps the order of those it holds', async () => {
      // Called only once work settles, after `gate` exists.
      const inFlight: InFlight = new InFlight(() => gate.settled());
      const gate = new AckFirst(10_000, { size: () => inFlight.size, max: 1, maxHoldMs: 10_000 });
      const order: string[] = [];
      server = createServer(
        gate.track((req, res) => {
          order.push(req.url ?? '');
          res.writeHead(200).end();
        }),
      );
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const finish = heldWork(inFlight, 1);
      const first = post(`${base}/first`);
      await expect.poll(() => gate.heldCount).toBe(1);
      expect((await post(`${base}/second`)).status).toBe(503);
      finish[0]!();
      expect((await first).status).toBe(200);
      expect(order).toEqual(['/first']);
    });

    it('forgets a held request whose client hangs up, without refusing or handling it', async () => {
      let refused = 0;
      const inFlight = new InFlight();
      const gate = new AckFirst(10_000, {
        size: () => inFlight.size,
        max: 1,
        maxHoldMs: 10_000,
        onRefused: () => refused++,
      });
      const port = await answeringPort(gate);
      const finish = heldWork(inFlight, 1);
      const req = request(port.url, { method: 'POST', agent: false });
      req.on('error', () => {});
      req.end('x');
      await expect.poll(() => gate.heldCount).toBe(1);
      req.destroy();
      await expect.poll(() => gate.heldCount).toBe(0);
      gate.settled();
      expect(port.seen()).toBe(0);
      expect(refused).toBe(0);
      finish[0]!();
    });

    it('counts a request let in but not yet acked, so finished work lets in one request, not every held one', async () => {
      const inFlight: InFlight = new InFlight(() => gate.settled());
      const gate = new AckFirst(10_000, { size: () => inFlight.size, max: 2, maxHoldMs: 10_000 });
      const events: string[] = [];
      server = createServer(
        gate.track((req, res) => {
          events.push(`in ${req.url}`);
          // Acked a little later, as Bolt acks after reading and verifying the body.
          setTimeout(() => {
            events.push(`acked ${req.url}`);
            res.writeHead(200).end();
          }, 50);
        }),
      );
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const finish = heldWork(inFlight, 2);
      const first = post(`${base}/first`);
      await expect.poll(() => gate.heldCount).toBe(1);
      const second = post(`${base}/second`);
      await expect.poll(() => gate.heldCount).toBe(2);
      finish[0]!();
      expect((await first).status).toBe(200);
      expect((await second).status).toBe(200);
      // One slot freed: the first went in alone; the second only once the first was acked.
      expect(events).toEqual(['in /first', 'acked /first', 'in /second', 'acked /second']);
      finish[1]!();
    });

    it('lets requests straight through while the backlog is below its bound', async () => {
      const inFlight = new InFlight();
      const gate = new AckFirst(10_000, { size: () => inFlight.size, max: 2, maxHoldMs: 10_000 });
      const port = await answeringPort(gate);
      const finish = heldWork(inFlight, 1);
      expect((await post(port.url)).status).toBe(200);
      expect(gate.heldCount).toBe(0);
      finish[0]!();
    });
  });
});
