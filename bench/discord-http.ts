/**
 * Discord HTTP interactions (issue 11, point 7): time from sending a signed
 * `POST /discord/interactions` to receiving RoomOps' complete HTTP answer
 * (the defer, the immediate error, or the autocomplete choices), over 500
 * interactions with 50 in flight — the real server, the real engine over
 * the sandbox emulators, the store's interaction ledger, the fake Discord
 * receiving the webhook edits. Goal: p99 ≤ 50 ms. Beside it, the same load
 * against a bare node:http handler that only verifies the Ed25519 signature
 * and answers: the ratio is RoomOps' cost over the floor. Requests are
 * signed before the clock starts; everything runs in this one process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { createLogger } from '../src/core/logger.js';
import { checkSignature, publicKeyFrom } from '../src/platforms/discord/http/verify-signature.js';
import { startSandboxRuntime } from '../src/runtime/sandbox-runtime.js';
import { serve } from '../src/server/serve.js';
import {
  APP_ID,
  autocomplete,
  chatInput,
  FakeDiscord,
  generateSigningKey,
  type SigningKey,
  signRequest,
} from '../test/fakes/discord/index.js';
import { atMost, type BenchSection, info, percentile, round } from './stats.js';

const TOTAL = 500;
const CONCURRENCY = 50;
const WARMUP = 100;
const ACTOR = { id: '400000000000000004', username: 'vic' };

type Json = Record<string, unknown>;
type Signed = { payload: Json; body: string; headers: Record<string, string> };

const MIX: ((n: number) => Json)[] = [
  () => chatInput(ACTOR, 'list', { account: 'agora' }),
  () => chatInput(ACTOR, 'info', { account: 'rong', room: 'lobby' }),
  () => chatInput(ACTOR, 'help'),
  () => chatInput(ACTOR, 'list', { account: 'no-such-account' }),
  () => autocomplete(ACTOR, 'list', { account: 'ag' }, 'account'),
];

function signAll(key: SigningKey, count: number): Signed[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, n) => {
    const payload = MIX[n % MIX.length]!(n);
    const body = JSON.stringify(payload);
    return {
      payload,
      body,
      headers: {
        'content-type': 'application/json',
        'x-signature-timestamp': timestamp,
        'x-signature-ed25519': signRequest(key.privateKey, timestamp, body),
      },
    };
  });
}

/** Sends every request, `CONCURRENCY` at a time; returns each one's latency in ms. */
async function drive(
  url: string,
  requests: Signed[],
  agent: Agent,
  onAnswer?: (r: Signed, status: number, answer: unknown) => void,
): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!;
      const started = performance.now();
      const res = await request(url, { method: 'POST', body: r.body, headers: r.headers, dispatcher: agent });
      const text = await res.body.text();
      samples.push(performance.now() - started);
      if (res.statusCode !== 200) throw new Error(`answered ${res.statusCode}: ${text.slice(0, 200)}`);
      onAnswer?.(r, res.statusCode, text ? JSON.parse(text) : undefined);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return samples;
}

/** The floor: read the body, verify the signature, parse, answer a defer. */
async function startBare(publicKeyHex: string): Promise<{ server: Server; url: string }> {
  const key = publicKeyFrom(publicKeyHex);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const ok = checkSignature(
        key,
        req.headers['x-signature-ed25519'] as string | undefined,
        req.headers['x-signature-timestamp'] as string | undefined,
        body,
      ).ok;
      if (!ok) return void res.writeHead(401).end();
      JSON.parse(body.toString('utf8'));
      const answer = JSON.stringify({ type: 5, data: { flags: 64 } });
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

export async function benchDiscordHttp(): Promise<BenchSection> {
  const logger = createLogger('silent');
  const key = generateSigningKey();
  const fake = await FakeDiscord.start({ token: 'bench-bot-token' });
  const runtime = await startSandboxRuntime({ logger });
  const server = await serve({
    runtime,
    env: {
      DISCORD_PUBLIC_KEY: key.publicKeyHex,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
    },
    logger,
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
  });
  const bare = await startBare(key.publicKeyHex);
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
  const roomopsUrl = `${server.url}/discord/interactions`;
  // The fake accepts webhook edits only for interactions it knows about.
  const answered = (r: Signed, status: number, answer: unknown) =>
    fake.trackHttpInteraction(r.payload).answered(status, answer);
  try {
    await drive(roomopsUrl, signAll(key, WARMUP), agent, answered);
    await drive(bare.url, signAll(key, WARMUP), agent);
    const began = performance.now();
    const roomops = await drive(roomopsUrl, signAll(key, TOTAL), agent, answered);
    const seconds = (performance.now() - began) / 1000;
    const floor = await drive(bare.url, signAll(key, TOTAL), agent);
    const p99 = percentile(roomops, 99);
    const floorP99 = percentile(floor, 99);
    return {
      title: 'Discord HTTP interactions: signed POST → HTTP answer',
      figures: [
        info('RoomOps p50', round(percentile(roomops, 50), 1), 'ms'),
        atMost('RoomOps p99', round(p99, 1), 50, 'ms', `${TOTAL} interactions, ${CONCURRENCY} in flight`),
        info('RoomOps max', round(Math.max(...roomops), 1), 'ms'),
        info('RoomOps answered/s', Math.round(roomops.length / seconds), '/s'),
        info('bare verify-and-answer p50', round(percentile(floor, 50), 1), 'ms'),
        info('bare verify-and-answer p99', round(floorP99, 1), 'ms'),
        info('p99 ratio RoomOps / bare', round(p99 / floorP99, 2), '×'),
      ],
      notes: [
        'Mix: list agora, info rong lobby, help, an unknown account (answered at once), account autocomplete.',
        'One process: load generator, RoomOps, sandbox emulators and fake Discord share its event loop.',
      ],
    };
  } finally {
    await agent.close();
    await new Promise<void>((resolve) => bare.server.close(() => resolve()));
    await server.stop();
    await fake.close();
  }
}
