/**
 * Stateless replicas (issue 11, point 7): Slack ack latency with 200
 * commands in flight, spread over two `roomops` processes sharing one
 * PostgreSQL store, beside the same load on one `roomops` process with a
 * SQLite file. Every replica is the real CLI (`node dist/src/cli/main.js`)
 * serving Slack over HTTP; the vendors are a `roomops sandbox` child; this
 * process holds only the load generator and the fake Slack.
 *
 * PostgreSQL comes from ROOMOPS_BENCH_POSTGRES_URL, else
 * ROOMOPS_TEST_POSTGRES_URL (a fresh schema, dropped afterwards); without
 * either the two-replica half is skipped and says so.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startSandboxChild, stopChild } from './lib/child-process.js';
import { type BatchPlan, type FireResult, startSlackLoad } from './slack-load.js';
import { type BenchSection, type Figure, atMost, info, median, percentile } from './stats.js';

const CONCURRENCY = 200;
const PER_ROUND = 1_000;
const WARMUP_ROUNDS = 1;
const ROUNDS = 3;
const ANSWER_TIMEOUT_MS = 120_000;
const BOT_TOKEN = 'xoxb-bench-replicas';
const SECRET = 'bench-replicas-signing-secret';
const USER = { id: 'U0BENCH', name: 'bench' };
/** Reads with a vendor call, help, an unknown account, and a destructive one that stores a pending action. */
const MIX = [
  'info rong lobby',
  'list ifly',
  'help',
  'list agora',
  'list no-such-account',
  'delete rong lobby',
];
const ACCESS = 'access:\n  default: admin\n  roles:\n    admin: ["*"]\n';
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

interface Setup {
  title: string;
  urls: string[];
}

interface Measured {
  p50: number;
  p99: number;
  failures: number;
  answered: number;
  answerP99: number;
}

export async function benchSlackReplicas(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'roomops-replicas-bench-'));
  const cleanup: (() => Promise<void>)[] = [
    () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  ];
  const notes: string[] = [];
  try {
    const load = await startSlackLoad(BOT_TOKEN);
    cleanup.unshift(() => load.stop());
    const sandbox = await startSandboxChild(CLI);
    cleanup.unshift(sandbox.stop);
    const baseConfig = `${sandbox.yaml}\n${ACCESS}`;
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: load.apiUrl };

    const single = await startReplica(
      dir,
      'single',
      `${baseConfig}storage:\n  url: "sqlite://${join(dir, 'single.db')}"\n`,
      env,
    );
    cleanup.unshift(single.stop);
    const setups: Setup[] = [{ title: 'one replica, SQLite', urls: [single.url] }];

    const pgBase = process.env.ROOMOPS_BENCH_POSTGRES_URL || process.env.ROOMOPS_TEST_POSTGRES_URL;
    if (pgBase) {
      const { url: pgUrl, drop } = await freshSchema(pgBase);
      cleanup.push(drop);
      const config = `${baseConfig}storage:\n  url: "${pgUrl}"\n`;
      const a = await startReplica(dir, 'a', config, env);
      cleanup.unshift(a.stop);
      const b = await startReplica(dir, 'b', config, env);
      cleanup.unshift(b.stop);
      setups.push({ title: 'two replicas, PostgreSQL', urls: [a.url, b.url] });
    } else {
      notes.push(
        'two replicas on PostgreSQL skipped: set ROOMOPS_BENCH_POSTGRES_URL or ROOMOPS_TEST_POSTGRES_URL',
      );
    }

    const results = new Map<string, Measured[]>();
    for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
      // Alternate which setup goes first, so neither always runs on a warmer machine.
      const order = r % 2 === 0 ? setups : [...setups].reverse();
      for (const setup of order) {
        const measured = await fireRound(load, setup);
        if (r >= WARMUP_ROUNDS) results.set(setup.title, [...(results.get(setup.title) ?? []), measured]);
      }
    }

    const figures: Figure[] = [];
    for (const setup of setups) {
      const rounds = results.get(setup.title) ?? [];
      const med = (pick: (m: Measured) => number) => Math.round(median(rounds.map(pick)) * 10) / 10;
      figures.push(
        info(
          `${setup.title}: ack p50`,
          med((m) => m.p50),
          'ms',
        ),
        atMost(
          `${setup.title}: ack p99`,
          med((m) => m.p99),
          3000,
          'ms',
          "Slack's 3-second ack limit",
        ),
        info(
          `${setup.title}: answer p99`,
          med((m) => m.answerP99),
          'ms',
          'command sent → answer on its response_url',
        ),
        atMost(
          `${setup.title}: non-200 acks`,
          rounds.reduce((n, m) => n + m.failures, 0),
          0,
        ),
        info(
          `${setup.title}: answered (worst round)`,
          Math.min(...rounds.map((m) => m.answered)),
          `of ${PER_ROUND}`,
        ),
      );
    }
    notes.push(
      `${PER_ROUND} signed slash commands per round, ${CONCURRENCY} in flight, split evenly over the replicas; medians of ${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up; mix: ${MIX.join(' | ')}`,
      'Each replica is a real `roomops` process; the load generator and the fake Slack share this bench process; the vendors run in a `roomops sandbox` child.',
    );
    return { title: 'Slack acks over replicas (200 in flight)', figures, notes };
  } finally {
    for (const step of cleanup) await step().catch(() => {});
  }
}

async function fireRound(load: Awaited<ReturnType<typeof startSlackLoad>>, setup: Setup): Promise<Measured> {
  const share = Math.floor(PER_ROUND / setup.urls.length);
  const plan = (total: number): BatchPlan => ({
    total,
    mix: MIX,
    user: USER,
    channel: 'C0BENCH',
    secret: SECRET,
  });
  const batches = await Promise.all(setup.urls.map(() => load.prepare(plan(share))));
  const fired: FireResult[] = await Promise.all(
    setup.urls.map((url, i) =>
      load.fire(batches[i]!, `${url}/slack/events`, Math.floor(CONCURRENCY / setup.urls.length), true),
    ),
  );
  const answers = await Promise.all(batches.map((b) => load.answers(b, ANSWER_TIMEOUT_MS)));
  await Promise.all(batches.map((b) => load.drop(b)));
  const latencies = fired.flatMap((f) => f.latencies);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures: fired.reduce((n, f) => n + f.failures, 0),
    answered: answers.reduce((n, a) => n + a.answered, 0),
    answerP99: percentile(
      answers.flatMap((a) => a.latencies),
      99,
    ),
  };
}

/** A `roomops` server process with this config; resolves once it serves (its log names the port). */
async function startReplica(
  dir: string,
  name: string,
  config: string,
  env: Record<string, string>,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const configPath = join(dir, `${name}.yml`);
  writeFileSync(configPath, config);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, ROOMOPS_CONFIG: configPath, PORT: '0' };
  for (const key of ['ROOMOPS_DATABASE_URL', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'ROOMOPS_METRICS_TOKEN'])
    delete childEnv[key];
  childEnv.ROOMOPS_LOG_LEVEL = 'info';
  const child = spawn(process.execPath, [CLI], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: childEnv,
  });
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`replica ${name} did not start: ${err}`)), 30_000);
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      const line = err.split('\n').find((l) => l.includes('RoomOps is serving'));
      if (line) {
        clearTimeout(timer);
        // Later log lines are not read: drop them instead of buffering.
        child.stderr!.removeAllListeners('data').resume();
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.once('exit', (status) => {
      clearTimeout(timer);
      reject(new Error(`replica ${name} exited with ${status}: ${err.trim()}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child, 25_000) };
}

async function freshSchema(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `roomops_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`create schema "${schema}"`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => run(`drop schema if exists "${schema}" cascade`) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchSlackReplicas().then((r) => console.log(JSON.stringify(r, null, 2)));
}
