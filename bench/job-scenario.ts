/**
 * One scenario of the bulk-job bench, run as its own process so its memory
 * figures are RoomOps' alone (not the bench runner's, nor earlier benches'):
 * this process holds the RoomOps runtime and server, the job and a small
 * driver (ack timings, memory samples); the Slack load generator with the fake
 * Slack and the Agora emulator run in two more child processes.
 *
 * Kinds: `both` (the job while Slack commands arrive at SLACK_RATE, issue 10
 * item 8), `job` (the job alone), `slack` (the same Slack load alone, for as
 * long as the job took in `both`) and `flood` (the job while commands are
 * sent as fast as they are acked, 10 in flight: several times what one
 * process can answer, so the after-ack backlog bound is what holds memory). Memory: after a warm-up batch of commands (so
 * lazily loaded modules are in every start figure) and a forced GC, RSS and
 * V8 heap at the start; the highest RSS sampled every 100 ms meanwhile, and
 * the most heap still in use after any of V8's own full GCs (what is
 * retained; forcing GCs meanwhile would stall the acks being measured); and
 * once every answer is posted, after a forced GC, at the end.
 *
 * Run as `node --expose-gc dist/bench/job-scenario.js KIND [SECONDS]`; prints
 * one JSON line (`ScenarioResult`) on stdout.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { createLogger } from '../src/core/logger.js';
import { openRuntime, serve } from '../src/app/compose.js';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/credentials.js';
import { startLoad } from './slack-ack.js';
import type { BatchPlan } from './slack-load.js';
import { percentile, sleep } from './stats.js';

export type ScenarioKind = 'both' | 'job' | 'slack' | 'flood';

export const ROOMS = 1000;
export const RATE = 100;
const BATCH = 100;
const CONCURRENCY = 10;
/**
 * Commands per second beside the job: well inside what one process answers
 * (about 400/s on the 2-core bench machine), so the answers keep up and what
 * is measured is the job's effect, not a queue of unanswered commands.
 */
export const SLACK_RATE = 200;
const BOT_TOKEN = 'xoxb-bench';
const SECRET = 'bench-signing-secret';
/** Commands with no vendor call, so the Slack load does not share the vendor's rate limit with the job. */
const MIX = ['help', 'accounts', 'jobs', 'list no-such-account'];
/** How long the last commands' answers may take to be posted before the end figure is taken anyway. */
const SETTLE_TIMEOUT_MS = 60_000;

export interface MemoryFigures {
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  heapStartMb: number;
  /** The most heap in use right after a full GC of V8's own: retained memory, not garbage. */
  heapRetainedPeakMb: number;
  heapEndMb: number;
  /** RSS and heap every second (MiB, no forced GC), for the findings. */
  trace: string;
}

export interface ScenarioResult {
  kind: ScenarioKind;
  memory: MemoryFigures;
  jobSeconds?: number;
  jobState?: string;
  roomsDeleted?: number;
  itemsFailed?: number;
  vendor429s?: number;
  slackCommands: number;
  ackP50Ms?: number;
  ackP99Ms?: number;
  non200Acks: number;
  /** Commands of the last batch answered on their response_url before the end figure. */
  lastBatchAnswered?: string;
  /** From the end of the load to every answer of the last batch posted. */
  settleMs?: number;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('job-scenario needs node --expose-gc, so the figures are retained memory');
  gc();
  gc();
}

export async function runScenario(kind: ScenarioKind, slackSeconds: number): Promise<ScenarioResult> {
  const logger = createLogger('silent', {});
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
    const slackUrl = `${server.url}/slack/events`;
    const plan: BatchPlan = {
      total: BATCH,
      mix: MIX,
      user: { id: 'U0BENCH', name: 'bench' },
      channel: 'C0BENCH',
      secret: SECRET,
    };

    // Warm-up, the same in every kind: modules loaded on first use count in the start figure.
    const warm = await load.prepare(plan);
    await load.fire(warm, slackUrl, CONCURRENCY, false);
    await load.answers(warm, SETTLE_TIMEOUT_MS);
    await load.drop(warm);

    forceGc();
    const start = process.memoryUsage();
    const peak = { rss: start.rss, retained: start.heapUsed };
    const gcWatch = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
        if (kind === constants.NODE_PERFORMANCE_GC_MAJOR)
          peak.retained = Math.max(peak.retained, process.memoryUsage().heapUsed);
      }
    });
    gcWatch.observe({ entryTypes: ['gc'] });
    cleanup.unshift(async () => gcWatch.disconnect());
    const trace: string[] = [];
    let tick = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak.rss = Math.max(peak.rss, now.rss);
      if (++tick % 10 === 0) trace.push(`${mb(now.rss)}/${mb(now.heapUsed)}`);
    }, 100);
    cleanup.unshift(async () => clearInterval(sampler));

    const result: Omit<ScenarioResult, 'memory'> = { kind, slackCommands: 0, non200Acks: 0 };
    let jobDone: () => Promise<boolean> = async () => false;
    let finish: () => Promise<void> = async () => {};
    if (kind !== 'slack') {
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
      jobDone = async () => {
        const job = await runtime.store.jobs.get(jobId);
        if (!job) throw new Error('the job vanished');
        return job.state !== 'scheduled' && job.state !== 'running';
      };
      finish = async () => {
        const job = (await runtime.store.jobs.get(jobId))!;
        result.jobState = job.state;
        result.roomsDeleted = job.done;
        result.itemsFailed = job.failed;
        result.jobSeconds = (job.finishedAt!.getTime() - job.startedAt!.getTime()) / 1000;
        result.vendor429s = (await vendor.stats()).rateLimitViolations;
      };
    } else {
      const until = performance.now() + slackSeconds * 1000;
      jobDone = async () => performance.now() >= until;
    }

    const acks: number[] = [];
    if (kind === 'job') {
      while (!(await jobDone())) await sleep(100);
    } else {
      let last: number | undefined;
      do {
        if (last !== undefined) await load.drop(last);
        last = await load.prepare(plan);
        const rate = kind === 'flood' ? undefined : SLACK_RATE;
        const fired = await load.fire(last, slackUrl, CONCURRENCY, false, rate);
        acks.push(...fired.latencies);
        result.non200Acks += fired.failures;
      } while (!(await jobDone()));
      const settling = performance.now();
      const answers = await load.answers(last, SETTLE_TIMEOUT_MS);
      result.settleMs = Math.round(performance.now() - settling);
      result.lastBatchAnswered = `${answers.answered} of ${BATCH}`;
      await load.drop(last);
      result.slackCommands = acks.length;
      result.ackP50Ms = Math.round(percentile(acks, 50) * 10) / 10;
      result.ackP99Ms = Math.round(percentile(acks, 99) * 10) / 10;
    }
    await finish();
    clearInterval(sampler);
    gcWatch.disconnect();
    // V8 hands freed pages back to the system from a background thread after a full GC.
    forceGc();
    await sleep(1_000);
    forceGc();
    const end = process.memoryUsage();
    return {
      ...result,
      memory: {
        rssStartMb: mb(start.rss),
        rssPeakMb: mb(Math.max(peak.rss, end.rss)),
        rssEndMb: mb(end.rss),
        heapStartMb: mb(start.heapUsed),
        heapRetainedPeakMb: mb(Math.max(peak.retained, end.heapUsed)),
        heapEndMb: mb(end.heapUsed),
        trace: trace.join(' '),
      },
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

const KINDS: readonly ScenarioKind[] = ['both', 'job', 'slack', 'flood'];

if (process.argv[1]?.endsWith('job-scenario.js')) {
  const kind = process.argv[2] as ScenarioKind;
  const seconds = Number(process.argv[3] ?? '10');
  if (!KINDS.includes(kind) || !(seconds > 0)) {
    process.stderr.write(`usage: node --expose-gc job-scenario.js ${KINDS.join('|')} [SECONDS > 0]\n`);
    process.exit(2);
  }
  runScenario(kind, seconds).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`job scenario failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
