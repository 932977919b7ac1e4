/**
 * `--dry-run` sends nothing, for every operation of every command at every
 * vendor that supports it: the real engine and clients over the sandbox
 * emulators, whose request logs must not grow, while each run still shows
 * the requests it would send. The table is checked against the command list
 * and the capability matrix, so an operation added later without a case
 * fails here. A dry run also writes nothing to the inventory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { type SandboxRuntime, startSandboxRuntime } from '../../src/app/sandbox-runtime.js';
import type { Place, Principal } from '../../src/core/types.js';
import { VENDOR_CAPABILITIES } from '../../src/vendors/capabilities.js';
import { type Operation, VENDORS, type VendorName } from '../../src/vendors/types.js';

const SHELL: Principal = { platform: 'shell', id: 'shell:tester', groups: [] };
const HERE: Place = { platform: 'shell' };

const ACCOUNT: Record<VendorName, string> = {
  iflychat: 'ifly',
  rongcloud: 'rong',
  watchers: 'watch',
  agora: 'agora',
};
/** A room per vendor, and two for several-room forms (they need not exist: nothing is sent). */
const ROOM: Record<VendorName, [string, string]> = {
  iflychat: ['2', '3'],
  rongcloud: ['lobby', 'support-1'],
  watchers: ['match-day', 'quiz-night'],
  agora: ['212126098587649', '212126099636225'],
};

type Forms = (room: string, other: string) => string[];
/** Each operation's forms (after `<action> <account>`), per vendor that supports it. */
const CASES: Record<Operation, Partial<Record<VendorName, Forms>>> = {
  create: {
    iflychat: () => ['create ifly "Dry room" room_private=yes'],
    rongcloud: () => ['create rong dry-room-1 destroyType=1 whiteUserIds=a,b'],
    watchers: () => ['create watch dry-room-1 name="Dry room" about="A dry run"'],
    agora: () => ['create agora "Dry room" owner=alice members=bob'],
  },
  list: Object.fromEntries(VENDORS.map((v) => [v, () => [`list ${ACCOUNT[v]}`]])),
  info: Object.fromEntries(
    VENDORS.map((v) => [v, (r: string, o: string) => [`info ${ACCOUNT[v]} ${r},${o}`]]),
  ),
  update: {
    iflychat: (r) => [`update ifly ${r} room_moderate=yes`, `update ifly ${r} room_name=New`],
    rongcloud: (r) => [`update rong ${r} destroyType=1 destroyTime=120`],
    agora: (r) => [`update agora ${r} maxusers=50 description="Dry"`],
  },
  delete: Object.fromEntries(
    VENDORS.map((v) => [
      v,
      (r: string, o: string) => [`delete ${ACCOUNT[v]} ${r}`, `delete ${ACCOUNT[v]} ${r},${o}`],
    ]),
  ),
  status: { watchers: (r) => [`status watch ${r} LIVE`, `status watch ${r} ENDED`] },
  voice: { watchers: (r) => [`voice watch ${r} on`, `voice watch ${r} off`] },
  mute: {
    rongcloud: (r) => [`mute rong ${r} on`, `mute rong ${r} off`],
    agora: (r) => [`mute agora ${r} on`, `mute agora ${r} off`],
  },
  keepalive: { rongcloud: (r) => [`keepalive rong ${r} on`, `keepalive rong ${r} off`] },
  'announce.read': { agora: (r) => [`announce agora ${r}`] },
  'announce.write': {
    iflychat: (r) => [`announce ifly ${r} "Doors open at 6"`],
    watchers: (r) => [`announce watch ${r} "Doors open at 6"`],
    agora: (r) => [`announce agora ${r} "Doors open at 6"`],
  },
  'members.list': {
    iflychat: (r) => [`members ifly ${r}`],
    rongcloud: (r) => [`members rong ${r}`],
    agora: (r) => [`members agora ${r}`],
  },
  'members.add': { agora: (r) => [`members agora ${r} add bob`, `members agora ${r} add bob carol`] },
  'members.remove': {
    agora: (r) => [`members agora ${r} remove bob`, `members agora ${r} remove bob carol`],
  },
  kick: {
    iflychat: (r) => [`kick ifly ${r} u-9`],
    rongcloud: (r) => [`kick rong ${r} u-9 minute=5`],
    watchers: (r) => [`kick watch ${r} u-9`],
    agora: (r) => [`kick agora ${r} bob`],
  },
  history: { iflychat: (r) => [`history ifly ${r} limit=5 since=2026-11-01T00:00:00Z`] },
};

const CASE_LIST = (Object.keys(CASES) as Operation[]).flatMap((operation) =>
  (Object.keys(CASES[operation]) as VendorName[]).flatMap((vendor) =>
    CASES[operation][vendor]!(...ROOM[vendor]).map((text) => ({ operation, vendor, text })),
  ),
);

let runtime: SandboxRuntime;

beforeAll(async () => {
  runtime = await startSandboxRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

const requestsReceived = () => VENDORS.map((v) => runtime.emulators[v].server.log.length);
const inventories = async () =>
  JSON.stringify(await Promise.all(VENDORS.map((v) => runtime.store.inventory.list(ACCOUNT[v]))));

/**
 * What each vendor runs: the operations account commands declare, where the
 * vendor has them; a command declaring none (`list`: the inventory stands in
 * where a vendor has no list) runs at every vendor, under its own name.
 */
function operationsAt(vendor: VendorName): Set<Operation> {
  const accountCommands = COMMANDS.filter((c) => c.takesAccount);
  const declared = accountCommands
    .flatMap((c) => c.operations)
    .filter((o) => VENDOR_CAPABILITIES[vendor].has(o));
  const everywhere = accountCommands.filter((c) => c.operations.length === 0).map((c) => c.name as Operation);
  return new Set([...declared, ...everywhere]);
}

describe('the dry-run table', () => {
  it('covers every operation of every command at every vendor that supports it, and nothing more', () => {
    const missing: string[] = [];
    const extra: string[] = [];
    for (const vendor of VENDORS)
      for (const operation of operationsAt(vendor))
        if (!CASES[operation]?.[vendor]) missing.push(`${operation} at ${vendor}`);
    for (const { operation, vendor } of CASE_LIST)
      if (!operationsAt(vendor).has(operation)) extra.push(`${operation} at ${vendor}`);
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });
});

describe('--dry-run sends nothing', () => {
  it.each(CASE_LIST)('$operation at $vendor: $text', async ({ vendor, text }) => {
    const sentBefore = requestsReceived();
    const inventoryBefore = await inventories();
    const outcome = await runtime.engine.handle({ principal: SHELL, place: HERE, text: `${text} --dry-run` });

    expect(outcome.type, JSON.stringify(outcome)).toBe('dry_run');
    if (outcome.type !== 'dry_run') return;
    expect(outcome.account).toBe(ACCOUNT[vendor]);
    expect(outcome.requests.length).toBeGreaterThan(0);
    const origin = new URL(runtime.emulators.urls[vendor]).origin;
    for (const request of outcome.requests)
      expect(request.url.startsWith(`${origin}/`), request.url).toBe(true);

    expect(requestsReceived()).toEqual(sentBefore);
    expect(await inventories()).toBe(inventoryBefore);
  });
});

describe('--dry-run of a command without an account', () => {
  it('does not run it: `jobs cancel` leaves the job scheduled', async () => {
    const created = await runtime.engine.handle({
      principal: SHELL,
      place: HERE,
      text: 'mute rong lobby off in=1h',
    });
    if (created.type !== 'result') throw new Error(`not scheduled: ${JSON.stringify(created)}`);
    const id = (created.result.job as { id: string }).id;
    const outcome = await runtime.engine.handle({
      principal: SHELL,
      place: HERE,
      text: `jobs cancel ${id} --dry-run`,
    });
    expect(outcome.type, JSON.stringify(outcome)).toBe('dry_run');
    if (outcome.type === 'dry_run') expect(outcome.requests).toEqual([]);
    expect((await runtime.store.jobs.get(id))?.state).toBe('scheduled');
  });
});
