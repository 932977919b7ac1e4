/**
 * Durable jobs (issue 10, item 8): a 1,000-room bulk delete against an Agora
 * emulator enforcing 100 requests/s (its own process), run by the job runner
 * of a RoomOps process that is at the same time serving Slack slash commands
 * fired by a load generator (another process). Goals: the job runs at
 * ≥ 0.95 of the limit with zero 429s, acks for the other commands stay at
 * p99 ≤ 50 ms (job work must not starve the event loop), and memory stays
 * flat (RSS at start, peak and end).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../src/core/logger.js';
import { openRuntime, serve } from '../src/app/compose.js';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/credentials.js';
import { startLoad } from './slack-ack.js';
import type { BatchPlan } from './slack-load.js';
import { percentile } from './stats.js';

const ROOMS = 1000;
const RATE = 100;
const BATCH = 100;
const CONCURRENCY = 10;
const BOT_TOKEN = 'xoxb-bench';
const SECRET = 'bench-signing-secret';
/** Commands with no vendor call, so the Slack load does not share the vendor's rate limit with the job. */
const MIX = ['help', 'accounts', 'jobs', 'list no-such-account'];

export async function benchBulkJob(): Promise<Record<string, number | string>> {
  const logger = createLogger('silent', {});
  const loadAtStart = loadavg()[0]!;
  const cleanup: (() => Promise<void>)[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'roomops-job-bench-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  try {
    const vendor = await startEmulator();
    cleanup.unshift(vendor.stop);
    const { load } = await startLoad();
    cleanup.unshift(() => load.stop());
    const c = SANDBOX_CREDENTIALS.agora;
    const configPath = join(dir, 'roomops.yml');
    writeFileSync(
      configPath,
      `accounts:
  agora:
    vendor: agora
    baseUrl: ${vendor.url}
    orgName: "${c.orgName}"
    appName: "${c.appName}"
    appId: "${c.appId}"
    appCertificate: "${c.appCertificate}"
    rateLimit: ${RATE}
access:
  default: viewer
  roles: { viewer: [read] }
storage:
  url: "sqlite://${join(dir, 'bench.db')}"
`,
    );
    const runtime = await openRuntime({ configPath, env: { ROOMOPS_JOB_POLL_MS: '100' }, logger });
    const server = await serve({
      runtime,
      env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: load.apiUrl },
      logger,
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
    }).catch(async (error: unknown) => {
      await runtime.close();
      throw error;
    });
    cleanup.unshift(() => server.stop());

    const rss = { start: process.memoryUsage().rss, peak: 0, end: 0 };
    rss.peak = rss.start;
    const sampler = setInterval(() => {
      rss.peak = Math.max(rss.peak, process.memoryUsage().rss);
    }, 100);
    cleanup.unshift(async () => clearInterval(sampler));

    const created = await runtime.engine.handle({
      principal: { platform: 'shell', id: 'shell:bench', groups: [] },
      place: { platform: 'shell' },
      text: 'delete agora match=bench-*',
      preconfirmed: true,
    });
    if (created.type !== 'result')
      throw new Error(`the bulk delete was not created: ${JSON.stringify(created)}`);
    const jobId = (created.result.job as { id: string }).id;
    runtime.jobRunner.poke();

    const acks: number[] = [];
    let failures = 0;
    const plan: BatchPlan = {
      total: BATCH,
      mix: MIX,
      user: { id: 'U0BENCH', name: 'bench' },
      channel: 'C0BENCH',
      secret: SECRET,
    };
    let job = await runtime.store.jobs.get(jobId);
    while (job && (job.state === 'scheduled' || job.state === 'running')) {
      const batch = await load.prepare(plan);
      const fired = await load.fire(batch, `${server.url}/slack/events`, CONCURRENCY, false);
      acks.push(...fired.latencies);
      failures += fired.failures;
      await load.drop(batch);
      job = await runtime.store.jobs.get(jobId);
    }
    if (!job) throw new Error('the job vanished');
    rss.end = process.memoryUsage().rss;
    const seconds = (job.finishedAt!.getTime() - job.startedAt!.getTime()) / 1000;
    const stats = await vendor.stats();
    const rate = job.done / seconds;
    const p99 = percentile(acks, 99);
    const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
    const met = rate >= 0.95 * RATE && stats.rateLimitViolations === 0 && p99 <= 50 && job.done === ROOMS;
    return {
      rooms: ROOMS,
      job_state: job.state,
      rooms_deleted: job.done,
      items_failed: job.failed,
      job_seconds: Math.round(seconds * 100) / 100,
      deletes_per_second: Math.round(rate * 10) / 10,
      share_of_limit: Math.round((rate / RATE) * 1000) / 1000,
      vendor_429s: stats.rateLimitViolations,
      slack_commands_during_job: acks.length,
      slack_ack_p50_ms: Math.round(percentile(acks, 50) * 10) / 10,
      slack_ack_p99_ms: Math.round(p99 * 10) / 10,
      non_200_acks: failures,
      rss_start_mb: mb(rss.start),
      rss_peak_mb: mb(rss.peak),
      rss_end_mb: mb(rss.end),
      goal: `≥ ${0.95 * RATE} deletes/s, 0 vendor 429s, Slack ack p99 ≤ 50 ms (RSS reported, not judged)`,
      met: met ? 'yes' : 'no',
      load_1m_at_start: Math.round(loadAtStart * 100) / 100,
      processes:
        'RoomOps (Slack + job runner) alone; load generator + fake Slack: child; Agora emulator: child',
    };
  } finally {
    for (const step of cleanup) await step().catch(() => {});
  }
}

/** The Agora emulator in its own process, so its work does not land on the app's event loop. */
async function startEmulator(): Promise<{
  url: string;
  stats(): Promise<{ rateLimitViolations: number }>;
  stop(): Promise<void>;
}> {
  const code = `const m = await import(${JSON.stringify(new URL('./job-emulator.js', import.meta.url).href)}); await m.serveBulkJobEmulator(${ROOMS}, ${RATE});`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (status) => reject(new Error(`the bench emulator exited with ${status}`)));
  });
  return {
    url,
    async stats() {
      const response = await fetch(`${url}/__sandbox/requests`, { signal: AbortSignal.timeout(5_000) });
      return (await response.json()) as { rateLimitViolations: number };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
