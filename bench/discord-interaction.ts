/**
 * Discord front end (issue 5, item 7): time from the fake gateway sending
 * INTERACTION_CREATE to the fake REST receiving the interaction's first
 * callback (the defer or the immediate reply), over 500 interactions with 50
 * in flight (each carried to its full answer before that person sends the
 * next) — real discord.js client, real engine over the sandbox emulators,
 * only Discord faked, in a child process of its own. Goal: p99 ≤ 50 ms.
 * The mix is what people type most: reads (`list`, `info`), `help`, and a
 * bad account answered at once.
 */
import type { ChildProcess } from 'node:child_process';
import { createLogger } from '../src/core/logger.js';
import { createDiscordAdapter } from '../src/platforms/discord/index.js';
import { startSandboxRuntime } from '../src/app/sandbox-runtime.js';
import { APP_ID } from '../test/fakes/discord/index.js';
import { type LoadFake, type LoadPlan, startLoadFake } from './discord-load.js';
import { percentile } from './stats.js';
import { compiledSibling, startIpcChild, stopIpcChild } from './lib/child-process.js';

const TOTAL = 500;
const CONCURRENCY = 50;
const WARMUP = 100;
const TOKEN = 'bench-bot-token';

const MIX: LoadPlan['mix'] = [
  ['list', { account: 'agora' }],
  ['list', { account: 'ifly' }],
  ['info', { account: 'rong', room: 'lobby' }],
  ['help', {}],
  ['list', { account: 'no-such-account' }],
];

export async function benchDiscordInteractions(): Promise<Record<string, number | string>> {
  const logger = createLogger('silent');
  const { load, where } = await startLoad();
  const runtime = await startSandboxRuntime({ logger });
  const adapter = createDiscordAdapter({
    runtime,
    env: { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: load.apiUrl },
    logger,
  });
  try {
    await adapter.start();
    await load.run({ total: WARMUP, concurrency: CONCURRENCY, mix: MIX });
    const began = performance.now();
    const samples = await load.run({ total: TOTAL, concurrency: CONCURRENCY, mix: MIX });
    const seconds = (performance.now() - began) / 1000;
    const p99 = percentile(samples, 99);
    return {
      interactions: samples.length,
      in_flight: CONCURRENCY,
      p50_ms: round(percentile(samples, 50)),
      p99_ms: round(p99),
      max_ms: round(Math.max(...samples)),
      answered_per_s: Math.round(samples.length / seconds),
      fake_discord: where,
      goal: 'p99 ≤ 50 ms',
      met: p99 <= 50 ? 'yes' : 'no',
    };
  } finally {
    await adapter.stop();
    await runtime.close();
    await load.stop();
  }
}

/** The fake in a child process when running compiled (npm run bench), else in this process (vitest on sources). */
async function startLoad(): Promise<{ load: LoadFake; where: string }> {
  const href = compiledSibling('./discord-load.js', import.meta.url);
  if (!href) return { load: await startLoadFake(TOKEN), where: 'in-process' };
  const { child, ready } = await startIpcChild<{ apiUrl: string }>(
    `const m = await import(${JSON.stringify(href)}); await m.serveLoadOverIpc(${JSON.stringify(TOKEN)});`,
    'fake Discord',
  );
  return { load: childLoad(child, ready.apiUrl), where: 'child process' };
}

function childLoad(child: ChildProcess, apiUrl: string): LoadFake {
  return {
    apiUrl,
    run: (plan) =>
      new Promise((resolve) => {
        child.once('message', (m: { samples: number[] }) => resolve(m.samples));
        child.send({ type: 'run', plan });
      }),
    stop: () => stopIpcChild(child, { type: 'stop' }),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
