/**
 * Discord HTTP interactions (issue 11, point 7): time from sending a signed
 * `POST /discord/interactions` to receiving RoomOps' complete HTTP answer
 * (the defer, the immediate error, or the autocomplete choices), over 500
 * interactions with 50 in flight — the real server, the real engine over
 * the sandbox emulators, the store's interaction ledger; the fake Discord
 * and the load driver in a child process (discord-http-driver.ts), the
 * emulators in another (`roomops sandbox`, as in the Slack bench), so the
 * vendors' work does not share the event loop under test. Goal:
 * p99 ≤ 50 ms. Beside it, in alternating rounds, the same load against a
 * bare node:http handler that only verifies the Ed25519 signature and
 * answers: the ratio is RoomOps' cost over that floor.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../src/core/logger.js';
import { checkSignature, publicKeyFrom } from '../src/platforms/discord/http/verify-signature.js';
import { serve } from '../src/app/compose.js';
import { APP_ID } from '../test/fakes/discord/index.js';
import { type Driver, type DriveRequest, MIX_NOTE, startDriver } from './discord-http-driver.js';
import { answerPathFigures } from './discord-answer-path.js';
import { startRuntime } from './slack-ack.js';
import { atMost, type BenchSection, info, percentile, round } from './stats.js';
import { compiledSibling, startIpcChild, stopIpcChild } from './lib/child-process.js';

const TOTAL = 500;
const CONCURRENCY = 50;
const WARMUP = 100;
const ROUNDS = 5;

/** The floor: read the body, verify the signature, parse, answer a defer. */
async function startBare(publicKeyHex: string): Promise<{ server: Server; url: string }> {
  const key = publicKeyFrom(publicKeyHex);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const signed = checkSignature(
        key,
        req.headers['x-signature-ed25519'] as string | undefined,
        req.headers['x-signature-timestamp'] as string | undefined,
        body,
      );
      if (!signed.ok) return void res.writeHead(401).end();
      JSON.parse(body.toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"type":5,"data":{"flags":64}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

export async function benchDiscordHttp(): Promise<BenchSection> {
  const logger = createLogger('silent');
  const { driver, where } = await startDriverSomewhere();
  const vendors = await startRuntime(logger).catch(async (error: unknown) => {
    await driver.stop();
    throw error;
  });
  const { runtime } = vendors;
  const server = await serve({
    runtime,
    env: {
      DISCORD_PUBLIC_KEY: driver.publicKeyHex,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: driver.apiUrl,
    },
    logger,
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
  }).catch(async (error: unknown) => {
    await runtime.close();
    await vendors.stop();
    await driver.stop();
    throw error;
  });
  const bare = await startBare(driver.publicKeyHex);
  const roomopsRun = (count: number) =>
    driver.drive({ url: `${server.url}/discord/interactions`, count, concurrency: CONCURRENCY, track: true });
  const bareRun = (count: number) =>
    driver.drive({ url: bare.url, count, concurrency: CONCURRENCY, track: false });
  try {
    await roomopsRun(WARMUP);
    await bareRun(WARMUP);
    // Alternating rounds, so a busy moment on a shared machine hits both sides.
    const roomops: number[] = [];
    const floor: number[] = [];
    let busyMs = 0;
    const cpu = { roomops: 0, bare: 0 };
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    for (let r = 0; r < ROUNDS; r++) {
      const began = performance.now();
      let since = process.cpuUsage();
      // A round ends when every deferred interaction's webhook edit is in, so the next side starts clean.
      roomops.push(...(await roomopsRun(TOTAL / ROUNDS)));
      cpu.roomops += cpuMs(since);
      busyMs += performance.now() - began;
      since = process.cpuUsage();
      floor.push(...(await bareRun(TOTAL / ROUNDS)));
      cpu.bare += cpuMs(since);
    }
    const p99 = percentile(roomops, 99);
    const floorP99 = percentile(floor, 99);
    const answerPath = await answerPathFigures(runtime);
    return {
      title: 'Discord HTTP interactions: signed POST → HTTP answer',
      figures: [
        info('RoomOps p50', round(percentile(roomops, 50), 1), 'ms'),
        atMost('RoomOps p99', round(p99, 1), 50, 'ms', `${TOTAL} interactions, ${CONCURRENCY} in flight`),
        info('RoomOps max', round(Math.max(...roomops), 1), 'ms'),
        info('RoomOps answered/s', Math.round(roomops.length / (busyMs / 1000)), '/s'),
        info('bare verify-and-answer p50', round(percentile(floor, 50), 1), 'ms'),
        info('bare verify-and-answer p99', round(floorP99, 1), 'ms'),
        info('p99 ratio RoomOps / bare', round(p99 / floorP99, 2), '×'),
        info('p50 ratio RoomOps / bare', round(percentile(roomops, 50) / percentile(floor, 50), 2), '×'),
        info(
          'RoomOps CPU per interaction',
          round(cpu.roomops / roomops.length, 3),
          'ms',
          'this process, answer and the work after it (engine, vendor call, webhook edit)',
        ),
        info('bare CPU per interaction', round(cpu.bare / floor.length, 3), 'ms'),
        ...answerPath,
      ],
      notes: [
        MIX_NOTE,
        `Load driver and fake Discord: ${where}; vendor emulators: ${vendors.where}; ${ROUNDS} alternating rounds.`,
      ],
    };
  } finally {
    await new Promise<void>((resolve) => bare.server.close(() => resolve()));
    await server.stop();
    await vendors.stop();
    await driver.stop();
  }
}

/** The driver in a child process when running compiled (npm run bench), else in this process. */
async function startDriverSomewhere(): Promise<{ driver: Driver; where: string }> {
  const href = compiledSibling('./discord-http-driver.js', import.meta.url);
  if (!href) return { driver: await startDriver(), where: 'in-process' };
  const { child, ready } = await startIpcChild<{ apiUrl: string; publicKeyHex: string }>(
    `await (await import(${JSON.stringify(href)})).serveDriverOverIpc();`,
    'bench driver',
  );
  return { driver: childDriver(child, ready), where: 'child process' };
}

function childDriver(child: ChildProcess, ready: { apiUrl: string; publicKeyHex: string }): Driver {
  return {
    ...ready,
    drive: (request: DriveRequest) =>
      new Promise((resolve, reject) => {
        child.once('message', (m: { type: string; samples?: number[]; error?: string }) =>
          m.type === 'samples' ? resolve(m.samples ?? []) : reject(new Error(m.error)),
        );
        child.send({ type: 'drive', request });
      }),
    stop: () => stopIpcChild(child, { type: 'stop' }),
  };
}
