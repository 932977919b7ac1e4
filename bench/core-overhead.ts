/**
 * The command core's own cost per command (issue 3, item 11): parse →
 * validate → authorize → run → audit → render, with the vendor call taken
 * out. The engine is the real one (real commands, real access rules, a real
 * in-memory SQLite store writing the audit row); only the vendor client is a
 * stub that answers at once, so what is timed is RoomOps's overhead and not a
 * network round trip. Goal: median ≤ 0.2 ms per command.
 */
import { COMMANDS } from '../commands/index.js';
import { accessPolicy } from '../src/core/access-policy.js';
import { ClientPool } from '../src/core/client-pool.js';
import { accessSchema } from '../src/core/config/index.js';
import { Engine } from '../src/core/engine.js';
import type { InvocationRequest } from '../src/core/engine-api.js';
import { createLogger } from '../src/core/logger.js';
import type { Outcome } from '../src/core/outcome.js';
import { renderText } from '../src/render/text.js';
import { toView } from '../src/render/to-view.js';
import { openStore } from '../src/store/open-store.js';
import type { AccountConfig } from '../src/vendors/account.js';
import type { ItemOutcome, Operation, Page, Room, VendorClient } from '../src/vendors/types.js';
import { OPERATIONS } from '../src/vendors/types.js';
import { atMost, type BenchSection, info, median, percentile, round } from './stats.js';

const WARMUP = 300;
const ITERATIONS = 2_000;

const ACCOUNTS: Record<string, AccountConfig> = {
  agora: {
    vendor: 'agora',
    baseUrl: 'http://127.0.0.1:9',
    timeoutMs: 10_000,
    orgName: 'bench-org',
    appName: 'bench-app',
    appToken: 'bench-app-token',
    defaultOwner: 'ops-bot',
  },
};

/** A typical `access:` section, so authorization does real work for a chat user. */
const ACCESS = accessSchema.parse({
  default: 'viewer',
  roles: { admin: ['*'], operator: ['read', 'write'], viewer: ['read'] },
  users: { 'slack:U0ADMIN001': 'admin', 'slack:group:S0OPS': 'operator' },
  channels: ['slack:C0OPS'],
});

function stubRoom(id: string): Room {
  return {
    id,
    name: `Room ${id}`,
    description: 'bench room',
    owner: 'ops-bot',
    maxusers: 200,
    affiliations_count: 12,
    created: 1_700_000_000_000,
  };
}

/** Answers at once from memory; operations the bench does not use throw. */
function stubClient(): VendorClient {
  const rooms = Array.from({ length: 20 }, (_, i) => stubRoom(String(66213271109633 + i)));
  const client: Partial<VendorClient> = {
    vendor: 'agora',
    capabilities: new Set<Operation>(OPERATIONS),
    createKey: 'name',
    ping: async () => {},
    listRooms: async (): Promise<Page<Room>> => ({ items: rooms }),
    getRooms: async (ids): Promise<ItemOutcome<Room>[]> =>
      ids.map((id) => ({ id, ok: true as const, value: stubRoom(id) })),
    close: async () => {},
  };
  return new Proxy(client as VendorClient, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      // `then` must stay undefined: the stub is handed out inside a Promise.
      if (value === undefined && typeof key === 'string' && key !== 'then')
        return () => Promise.reject(new Error(`bench stub: ${key} not stubbed`));
      return value;
    },
  });
}

class StubPool extends ClientPool {
  private readonly stub = Promise.resolve(stubClient());
  override client(_account: string): Promise<VendorClient> {
    return this.stub;
  }
}

interface Case {
  name: string;
  request: InvocationRequest;
  /** preview only (parse, validate, authorize), else handle + render. */
  previewOnly?: boolean;
}

export async function benchCoreOverhead(): Promise<BenchSection> {
  const logger = createLogger('silent');
  const store = await openStore('sqlite::memory:', { logger });
  const engine = new Engine({
    commands: COMMANDS,
    clients: new StubPool(ACCOUNTS),
    store,
    access: accessPolicy(ACCESS),
    logger,
    confirmTimeoutMs: 300_000,
  });
  const slack = {
    platform: 'slack' as const,
    id: 'slack:U0OPER01',
    displayName: 'oper',
    groups: ['slack:group:S0OPS'],
  };
  const place = { platform: 'slack' as const, channel: 'slack:C0OPS' };
  const cases: Case[] = [
    { name: 'help', request: { principal: slack, place, text: 'help' } },
    { name: 'info agora ROOM', request: { principal: slack, place, text: 'info agora 66213271109633' } },
    { name: 'list agora (20 rooms, table)', request: { principal: slack, place, text: 'list agora' } },
    {
      name: 'preview: list agora limit=5',
      request: { principal: slack, place, text: 'list agora limit=5' },
      previewOnly: true,
    },
  ];

  /** Runs one case; returns [engine ms, render ms]. */
  const once = async (c: Case): Promise<[number, number]> => {
    const t0 = performance.now();
    if (c.previewOnly) {
      const preview = await engine.preview(c.request);
      if (preview.type !== 'accepted') throw new Error(`${c.name}: ${JSON.stringify(preview)}`);
      return [performance.now() - t0, 0];
    }
    const outcome: Outcome = await engine.handle(c.request);
    const t1 = performance.now();
    if (outcome.type !== 'result') throw new Error(`${c.name}: ${JSON.stringify(outcome)}`);
    if (renderText(toView(outcome)).length === 0) throw new Error(`${c.name}: empty render`);
    return [t1 - t0, performance.now() - t1];
  };

  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const engineMs = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const renderMs = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  try {
    for (const c of cases) for (let i = 0; i < WARMUP; i++) await once(c);
    // Interleave the cases so drift on a busy machine hits them all alike.
    for (let i = 0; i < ITERATIONS; i++) {
      for (const c of cases) {
        const [e, r] = await once(c);
        samples.get(c.name)!.push(e + r);
        engineMs.get(c.name)!.push(e);
        renderMs.get(c.name)!.push(r);
      }
    }
  } finally {
    await store.close();
  }

  const figures = [];
  for (const c of cases) {
    const s = samples.get(c.name)!;
    const what = c.previewOnly
      ? 'parse + validate + authorize'
      : 'parse + validate + authorize + run (stub vendor) + audit row + toView + renderText';
    if (c.name.startsWith('info'))
      figures.push(atMost(`${c.name}: median`, round(median(s), 4), 0.2, 'ms', what));
    else figures.push(info(`${c.name}: median`, round(median(s), 4), 'ms', what));
    figures.push(info(`${c.name}: p99`, round(percentile(s, 99), 4), 'ms'));
    if (!c.previewOnly) {
      figures.push(info(`${c.name}: engine.handle median`, round(median(engineMs.get(c.name)!), 4), 'ms'));
      figures.push(
        info(`${c.name}: toView + renderText median`, round(median(renderMs.get(c.name)!), 4), 'ms'),
      );
    }
  }
  return {
    title: 'Command core overhead per command (vendor call stubbed)',
    figures,
    notes: [
      `${ITERATIONS} iterations per command after ${WARMUP} warm-up, interleaved; Slack principal under a typical access: section; audit to in-memory SQLite (better-sqlite3).`,
      'The goal is judged on `info` (a read with one vendor call); `help` has no vendor call; `list` includes drawing a 20-row text table.',
    ],
  };
}
