/**
 * The vendor-client layer's two bench figures (issue 2, item 5):
 *
 * (a) Throughput of a real vendor client (VendorHttp: pacing, auth, retries,
 *     classification, zod validation) against plain undici sending the same
 *     requests to the same emulator, at the same concurrency, in one run:
 *     the ratio client / raw (goal ≥ 0.9). Rounds alternate which side goes
 *     first, and both sides are warmed up, to cut noise.
 * (b) 1,000 reads through the client's rate limiter against a RongCloud
 *     emulator enforcing 100 requests/s on the endpoint: achieved rate / limit
 *     (goal ≥ 0.95) and the 429s the emulator had to send (goal 0).
 *
 * The emulators run in a worker thread, so the server's work does not share
 * the bench's event loop and dilute the client's overhead.
 */
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/credentials.js';
import { createRongcloudClient } from '../src/vendors/rongcloud/client.js';
import type { VendorClient } from '../src/vendors/types.js';
import { createWatchersClient } from '../src/vendors/watchers/client.js';
import { atLeast, atMost, type BenchSection, info, median, round, runConcurrently } from './stats.js';

const THROUGHPUT_REQUESTS = 2_000;
const THROUGHPUT_CONCURRENCY = 16;
const THROUGHPUT_ROUNDS = 5;
const WARMUP_REQUESTS = 500;

const PACED_REQUESTS = 1_000;
const PACED_LIMIT = 100;
const PACED_CONCURRENCY = 20;

interface EmulatorHandle {
  url: string;
  /** Keys of the emulator's seeded rooms. */
  rooms: string[];
  /** The emulator's own request log and count of requests its limiter refused. */
  requests(): Promise<{ requests: { status: number; path: string }[]; rateLimitViolations: number }>;
  stop(): Promise<void>;
}

/** Starts `factory(options)` from the compiled emulator module in a worker thread. */
async function startEmulatorWorker(modulePath: string, factory: string, options: object): Promise<EmulatorHandle> {
  const moduleUrl = new URL(modulePath, import.meta.url).href;
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     import(workerData.moduleUrl).then(async (m) => {
       const emulator = m[workerData.factory](workerData.options);
       const url = await emulator.start(0);
       parentPort.on('message', async (msg) => {
         if (msg === 'stop') { await emulator.stop(); parentPort.close(); }
       });
       parentPort.postMessage({ url, rooms: [...emulator.rooms.keys()].map(String) });
     }, (error) => { throw error; });`,
    { eval: true, execArgv: [], workerData: { moduleUrl, factory, options } },
  );
  const started = await new Promise<{ url: string; rooms: string[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    ...started,
    requests: async () => {
      const res = await fetch(`${started.url}/__sandbox/requests`);
      return (await res.json()) as Awaited<ReturnType<EmulatorHandle['requests']>>;
    },
    stop: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000))]);
      await worker.terminate();
    },
  };
}

async function timeRequests(total: number, concurrency: number, send: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await runConcurrently(total, concurrency, send);
  return total / ((performance.now() - started) / 1000);
}

/** (a) client requests/s against raw undici on the same Watchers emulator. */
export async function benchClientVsRaw(): Promise<BenchSection> {
  const emulator = await startEmulatorWorker('../src/sandbox/watchers/emulator.js', 'createWatchersEmulator', { rateLimitPerSecond: 0 });
  const credentials = SANDBOX_CREDENTIALS.watchers;
  const roomId = emulator.rooms[0] ?? 'concert-live';
  const client: VendorClient = createWatchersClient(
    { vendor: 'watchers', baseUrl: emulator.url, timeoutMs: 10_000, apiKey: credentials.apiKey, token: credentials.token, rateLimit: 100_000 },
    'bench',
  );
  // The same pool settings as VendorHttp, and exactly the headers the client sends.
  const raw = new Pool(emulator.url, { connections: 32, keepAliveTimeout: 30_000, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const path = `/external/room/${encodeURIComponent(roomId)}`;
  const headers = { accept: 'application/json', 'x-api-key': credentials.apiKey, authorization: `Bearer ${credentials.token}` };

  const viaClient = async (): Promise<void> => {
    const [outcome] = await client.getRooms([roomId]);
    if (!outcome?.ok) throw new Error(`client read failed: ${outcome && !outcome.ok ? outcome.error.message : 'no outcome'}`);
  };
  const viaRaw = async (): Promise<void> => {
    const res = await raw.request({ method: 'GET', path, headers });
    const body = (await res.body.json()) as { externalRoomId?: string };
    if (res.statusCode !== 200 || body.externalRoomId !== roomId) throw new Error(`raw read failed: ${res.statusCode}`);
  };

  try {
    await timeRequests(WARMUP_REQUESTS, THROUGHPUT_CONCURRENCY, viaClient);
    await timeRequests(WARMUP_REQUESTS, THROUGHPUT_CONCURRENCY, viaRaw);
    const clientRates: number[] = [];
    const rawRates: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
      let c: number;
      let r: number;
      if (round % 2 === 0) {
        c = await timeRequests(THROUGHPUT_REQUESTS, THROUGHPUT_CONCURRENCY, viaClient);
        r = await timeRequests(THROUGHPUT_REQUESTS, THROUGHPUT_CONCURRENCY, viaRaw);
      } else {
        r = await timeRequests(THROUGHPUT_REQUESTS, THROUGHPUT_CONCURRENCY, viaRaw);
        c = await timeRequests(THROUGHPUT_REQUESTS, THROUGHPUT_CONCURRENCY, viaClient);
      }
      clientRates.push(c);
      rawRates.push(r);
      ratios.push(c / r);
    }
    const how = `${THROUGHPUT_ROUNDS} alternating rounds of ${THROUGHPUT_REQUESTS} GET external/room/:id each, concurrency ${THROUGHPUT_CONCURRENCY}, after ${WARMUP_REQUESTS} warm-up requests per side; Watchers emulator in a worker thread, rate limits off; client rateLimit 100000`;
    return {
      title: 'Vendor client vs raw undici (Watchers emulator)',
      figures: [
        atLeast('client / raw undici requests/s', round(median(ratios), 3), 0.9, '', `median of per-round ratios; ${how}`),
        info('client requests/s', Math.round(median(clientRates)), 'req/s', 'getRooms([id]) through VendorHttp (auth, pacing, classification, zod)'),
        info('raw undici requests/s', Math.round(median(rawRates)), 'req/s', 'undici Pool.request + body.json(), same headers and pool settings'),
      ],
      notes: [`per-round ratios: ${ratios.map((x) => x.toFixed(3)).join(', ')}`],
    };
  } finally {
    await client.close();
    await raw.close();
    await emulator.stop();
  }
}

/** (b) 1,000 reads paced to 100/s against a RongCloud emulator enforcing 100/s. */
export async function benchRateLimiter(): Promise<BenchSection> {
  const emulator = await startEmulatorWorker('../src/sandbox/rongcloud/emulator.js', 'createRongcloudEmulator', { rateLimitPerSecond: PACED_LIMIT });
  const credentials = SANDBOX_CREDENTIALS.rongcloud;
  const roomId = emulator.rooms[0];
  if (!roomId) throw new Error('the RongCloud emulator has no seeded room');
  const client = createRongcloudClient(
    { vendor: 'rongcloud', baseUrl: emulator.url, timeoutMs: 10_000, appKey: credentials.appKey, appSecret: credentials.appSecret, rateLimit: PACED_LIMIT },
    'bench',
  );
  try {
    const before = await emulator.requests();
    let failures = 0;
    const started = performance.now();
    await runConcurrently(PACED_REQUESTS, PACED_CONCURRENCY, async () => {
      const [outcome] = await client.getRooms([roomId]);
      if (!outcome?.ok) failures += 1;
    });
    const seconds = (performance.now() - started) / 1000;
    const after = await emulator.requests();
    const log = after.requests.slice(before.requests.length).filter((r) => !r.path.startsWith('/__sandbox/'));
    const tooMany = log.filter((r) => r.status === 429).length;
    const violations = after.rateLimitViolations - before.rateLimitViolations;
    const rate = PACED_REQUESTS / seconds;
    return {
      title: 'Rate limiter (RongCloud emulator enforcing 100 req/s per endpoint)',
      figures: [
        atLeast('achieved rate / limit', round(rate / PACED_LIMIT, 3), 0.95, '', `${PACED_REQUESTS} getRooms([id]) (chatroom/get) at concurrency ${PACED_CONCURRENCY}, client rateLimit ${PACED_LIMIT}, in ${seconds.toFixed(2)} s`),
        info('achieved rate', round(rate, 1), 'req/s'),
        atMost('429 answers seen by the emulator', tooMany, 0),
        atMost('emulator rateLimitViolations', violations, 0),
        atMost('failed reads', failures, 0),
        info('requests the emulator received', log.length, '', 'equals the reads when no request was retried'),
      ],
    };
  } finally {
    await client.close();
    await emulator.stop();
  }
}

export async function benchVendorHttp(): Promise<BenchSection[]> {
  return [await benchClientVsRaw(), await benchRateLimiter()];
}
