/**
 * The Slack side of the ack bench: the fake Slack (Web API and the
 * response_urls) plus the load generator. It runs in a child process when
 * compiled, so signing, sending, timing and receiving the answers do not share
 * the event loop of the app under test (as they would not in production,
 * where they are Slack's work).
 *
 * A batch is signed before it is timed and kept here; the same bytes are then
 * sent to each app under test by the same client (node:http, keep-alive, one
 * pool per app), `concurrency` requests in flight. Latency = from writing the
 * request to the end of the HTTP 200 (Bolt's ack).
 */
import { Agent, request } from 'node:http';
import {
  FakeSlack,
  type SignedRequest,
  type SlackUser,
  sign,
  slashCommandBody,
} from '../test/fakes/slack/index.js';

export interface BatchPlan {
  total: number;
  mix: readonly string[];
  user: SlackUser;
  channel: string;
  secret: string;
}

export interface FireResult {
  /** Milliseconds to the ack, one per request, in completion order. */
  latencies: number[];
  /** Requests answered with anything but HTTP 200, or failed. */
  failures: number;
}

export interface AnswerResult {
  /** Commands of the batch whose response_url received an accepted (HTTP 200) post. */
  answered: number;
  /** Milliseconds from sending a command to its first accepted response_url post. */
  latencies: number[];
  /** Posts the fake refused (400/404), with the first problem seen. */
  refused: number;
  firstProblem?: string;
}

export interface SlackLoad {
  apiUrl: string;
  /** Signs a batch (untimed) and keeps it; returns its id. */
  prepare(plan: BatchPlan): Promise<number>;
  /**
   * Sends the whole batch to `url`; `trackAnswers` notes send times for `answers`.
   * With `ratePerSecond`, request i leaves no sooner than i / rate seconds after the first.
   */
  fire(
    batch: number,
    url: string,
    concurrency: number,
    trackAnswers: boolean,
    ratePerSecond?: number,
  ): Promise<FireResult>;
  /** Waits (up to `timeoutMs`) until every command of the batch is answered, then counts. */
  answers(batch: number, timeoutMs: number): Promise<AnswerResult>;
  /** Forgets a batch. */
  drop(batch: number): Promise<void>;
  stop(): Promise<void>;
}

interface Batch {
  requests: { body: Buffer; headers: Record<string, string | number> }[];
  responseIds: string[];
  /** Epoch ms (fractional) each request was sent, by response id; set by a tracked fire. */
  sentAt: Map<string, number>;
}

export async function startSlackLoad(botToken: string): Promise<SlackLoad> {
  const fake = new FakeSlack({ botToken });
  await fake.start();
  const batches = new Map<number, Batch>();
  const agents = new Map<string, Agent>();
  let nextBatch = 1;

  const agentFor = (origin: string, concurrency: number): Agent => {
    let agent = agents.get(origin);
    if (!agent) {
      agent = new Agent({ keepAlive: true, maxSockets: concurrency });
      agents.set(origin, agent);
    }
    return agent;
  };

  return {
    apiUrl: fake.apiUrl,
    async prepare(plan) {
      const batch: Batch = { requests: [], responseIds: [], sentAt: new Map() };
      for (let i = 0; i < plan.total; i++) {
        const responseUrl = fake.responseUrl();
        const signed: SignedRequest = sign(
          slashCommandBody(plan.mix[i % plan.mix.length]!, plan.user, plan.channel, responseUrl),
          plan.secret,
        );
        const body = Buffer.from(signed.body);
        batch.requests.push({ body, headers: { ...signed.headers, 'content-length': body.length } });
        batch.responseIds.push(responseUrl.slice(responseUrl.lastIndexOf('/') + 1));
      }
      const id = nextBatch++;
      batches.set(id, batch);
      return id;
    },
    async fire(id, url, concurrency, trackAnswers, ratePerSecond) {
      const batch = mustGet(batches, id);
      const firstAt = performance.now();
      const target = new URL(url);
      const agent = agentFor(target.origin, concurrency);
      const latencies: number[] = [];
      let failures = 0;
      let next = 0;
      const worker = async () => {
        while (next < batch.requests.length) {
          const i = next++;
          const req = batch.requests[i]!;
          if (ratePerSecond !== undefined) {
            const due = firstAt + (i * 1000) / ratePerSecond - performance.now();
            if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
          }
          const started = performance.now();
          if (trackAnswers) batch.sentAt.set(batch.responseIds[i]!, performance.timeOrigin + started);
          const status = await post(agent, target, req).catch(() => 0);
          latencies.push(performance.now() - started);
          if (status !== 200) failures++;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return { latencies, failures };
    },
    async answers(id, timeoutMs) {
      const batch = mustGet(batches, id);
      const ids = new Set(batch.responseIds);
      const mine = () => fake.posts.filter((p) => ids.has(p.id));
      const deadline = Date.now() + timeoutMs;
      const answeredIds = () =>
        new Set(
          mine()
            .filter((p) => p.status === 200)
            .map((p) => p.id),
        );
      while (answeredIds().size < ids.size && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const first = new Map<string, number>();
      let refused = 0;
      let firstProblem: string | undefined;
      for (const p of mine()) {
        if (p.status !== 200) {
          refused++;
          firstProblem ??= p.problems.join('; ');
        } else if (!first.has(p.id)) first.set(p.id, p.at);
      }
      const latencies: number[] = [];
      for (const [rid, at] of first) {
        const sent = batch.sentAt.get(rid);
        if (sent !== undefined) latencies.push(at - sent);
      }
      return {
        answered: first.size,
        latencies,
        refused,
        ...(firstProblem !== undefined ? { firstProblem } : {}),
      };
    },
    async drop(id) {
      const batch = batches.get(id);
      if (!batch) return;
      batches.delete(id);
      // The fake keeps every post and scans them per post; forget this batch's.
      const ids = new Set(batch.responseIds);
      const kept = fake.posts.filter((p) => !ids.has(p.id));
      fake.posts.splice(0, fake.posts.length, ...kept);
      fake.calls.splice(0, fake.calls.length);
    },
    async stop() {
      for (const agent of agents.values()) agent.destroy();
      await fake.stop();
    },
  };
}

function post(
  agent: Agent,
  target: URL,
  req: { body: Buffer; headers: Record<string, string | number> },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: req.headers,
      },
      (res) => {
        res.on('error', reject);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.resume();
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

function mustGet<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`slack bench: unknown batch ${String(key)}`);
  return value;
}

type Call =
  | { id: number; op: 'prepare'; plan: BatchPlan }
  | {
      id: number;
      op: 'fire';
      batch: number;
      url: string;
      concurrency: number;
      trackAnswers: boolean;
      ratePerSecond?: number;
    }
  | { id: number; op: 'answers'; batch: number; timeoutMs: number }
  | { id: number; op: 'drop'; batch: number }
  | { id: number; op: 'stop' };

/** Child-process entry: reports the fake's Web API URL, then answers calls by id. */
export async function serveSlackLoadOverIpc(botToken: string): Promise<void> {
  const load = await startSlackLoad(botToken);
  process.on('message', (call: Call) => {
    const run = async (): Promise<unknown> => {
      switch (call.op) {
        case 'prepare':
          return load.prepare(call.plan);
        case 'fire':
          return load.fire(call.batch, call.url, call.concurrency, call.trackAnswers, call.ratePerSecond);
        case 'answers':
          return load.answers(call.batch, call.timeoutMs);
        case 'drop':
          return load.drop(call.batch);
        case 'stop':
          await load.stop();
          process.send?.({ id: call.id, result: null }, () => process.exit(0));
          return undefined;
      }
    };
    run().then(
      (result) => {
        if (call.op !== 'stop') process.send?.({ id: call.id, result });
      },
      (error: unknown) => process.send?.({ id: call.id, error: String(error) }),
    );
  });
  process.send?.({ id: 0, result: { apiUrl: load.apiUrl } });
}
