/**
 * The engine in-process over the sandbox emulators and a SQLite file store:
 * confirmations for chat users (approve once, races, refusals, cancel,
 * two-person rule, expiry, restart), typed options, and the default access.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionOutcome, Outcome } from '../../src/core/outcome.js';
import type { Place, Principal } from '../../src/core/types.js';
import { type SandboxRuntime, startSandboxRuntime } from '../../src/app/sandbox-runtime.js';

const dir = mkdtempSync(join(tmpdir(), 'roomops-engine-'));
const TOWN_HALL = '212126098587649';
const SUPPORT = '212126099636225';
const BETA = '212126100684801';

const slack = (id: string, groups: string[] = []): Principal => ({
  platform: 'slack',
  id: `slack:${id}`,
  displayName: id,
  groups,
});
const ADMIN = slack('UADMIN');
const ADMIN2 = slack('UADMIN2');
const OPERATOR = slack('UOPS');
const VIEWER = slack('UVIEW');
const CHANNEL: Place = { platform: 'slack', channel: 'slack:C0OPS' };

const ACCESS = {
  default: 'viewer',
  roles: { admin: ['*'], operator: ['read', 'write'], viewer: ['read'] },
  users: { 'slack:UADMIN': 'admin', 'slack:UADMIN2': 'admin', 'slack:UOPS': 'operator' },
  accounts: { rong: { twoPersonRule: true } },
};

/** A clock the tests move. */
let clock = new Date('2026-11-01T12:00:00Z').getTime();
const now = () => new Date(clock);

let runtime: SandboxRuntime;

beforeAll(async () => {
  runtime = await startSandboxRuntime({
    access: ACCESS,
    storeUrl: `sqlite:${join(dir, 'main.sqlite')}`,
    now,
  });
});
afterAll(async () => {
  await runtime?.close();
});

const handle = (principal: Principal, text: string, extra: { preconfirmed?: boolean } = {}) =>
  runtime.engine.handle({ principal, place: CHANNEL, text, ...extra });
const decide = (
  principal: Principal,
  pendingId: string,
  decision: 'approved' | 'cancelled' = 'approved',
  rt = runtime,
) => rt.engine.decide({ pendingId, decision, principal, place: CHANNEL });

/** Vendor requests that reached an emulator, by method and path fragment. */
function reached(
  rt: SandboxRuntime,
  vendor: 'agora' | 'rongcloud' | 'iflychat' | 'watchers',
  method: string,
  fragment: string,
): number {
  return rt.emulators[vendor].server.log.filter((r) => r.method === method && r.path.includes(fragment))
    .length;
}

function confirmOf(outcome: Outcome) {
  expect(outcome.type, JSON.stringify(outcome)).toBe('confirm');
  if (outcome.type !== 'confirm') throw new Error('not a confirm outcome');
  return outcome;
}

function resultOf(outcome: Outcome | undefined) {
  expect(outcome?.type, JSON.stringify(outcome)).toBe('result');
  if (outcome?.type !== 'result') throw new Error('not a result');
  return outcome;
}

describe('engine: confirmations for chat users', () => {
  it('a destructive command becomes a pending action; an allowed approval runs it once', async () => {
    const confirm = confirmOf(await handle(ADMIN, `delete agora ${SUPPORT}`));
    expect(confirm).toMatchObject({
      action: 'delete',
      account: 'agora',
      vendor: 'agora',
      kind: 'destructive',
      visibility: 'public',
    });
    expect(confirm.pending).toMatchObject({
      state: 'pending',
      requester: 'slack:UADMIN',
      account: 'agora',
      action: 'delete',
      rooms: [SUPPORT],
    });
    expect(confirm.pending.description).toContain(SUPPORT);
    expect(confirm.pending.id.length).toBeGreaterThanOrEqual(22);
    expect(reached(runtime, 'agora', 'DELETE', SUPPORT)).toBe(0);

    const decided = await decide(ADMIN2, confirm.pending.id);
    expect(decided.type).toBe('decided');
    if (decided.type !== 'decided') return;
    expect(decided.decision).toBe('approved');
    expect(resultOf(decided.outcome).result).toEqual({ deleted: [SUPPORT] });
    expect(reached(runtime, 'agora', 'DELETE', SUPPORT)).toBe(1);

    const again = await decide(ADMIN, confirm.pending.id);
    expect(again).toMatchObject({ type: 'stale', reason: 'already_decided' });
    if (again.type === 'stale') expect(again.pending.decidedBy).toBe('slack:UADMIN2');
    expect(reached(runtime, 'agora', 'DELETE', SUPPORT)).toBe(1);
  });

  it('20 concurrent approvals: exactly one vendor DELETE, the others are told it is stale', async () => {
    const confirm = confirmOf(await handle(ADMIN, `delete agora ${BETA}`));
    const approvers = Array.from({ length: 20 }, (_, i) => (i % 2 ? ADMIN : ADMIN2));
    const outcomes: DecisionOutcome[] = await Promise.all(
      approvers.map((p) => decide(p, confirm.pending.id)),
    );
    const decided = outcomes.filter((o) => o.type === 'decided');
    expect(decided).toHaveLength(1);
    expect(outcomes.filter((o) => o.type === 'stale')).toHaveLength(19);
    expect(reached(runtime, 'agora', 'DELETE', BETA)).toBe(1);
    expect(runtime.emulators.agora.rooms.has(BETA)).toBe(false);
  });

  it("a viewer's or an operator's approve click is refused and changes nothing; the requester may cancel", async () => {
    const confirm = confirmOf(await handle(ADMIN, `kick agora ${TOWN_HALL} bob`));
    for (const who of [VIEWER, OPERATOR]) {
      const refused = await decide(who, confirm.pending.id);
      expect(refused.type).toBe('refused');
      // Nor may they cancel someone else's.
      expect((await decide(who, confirm.pending.id, 'cancelled')).type).toBe('refused');
    }
    expect((await runtime.store.pending.get(confirm.pending.id))?.state).toBe('pending');
    expect(reached(runtime, 'agora', 'DELETE', `${TOWN_HALL}/users/bob`)).toBe(0);

    const cancelled = await decide(ADMIN, confirm.pending.id, 'cancelled');
    expect(cancelled).toMatchObject({ type: 'decided', decision: 'cancelled', by: 'slack:UADMIN' });
    expect(await decide(ADMIN2, confirm.pending.id)).toMatchObject({
      type: 'stale',
      reason: 'already_decided',
    });
    expect(reached(runtime, 'agora', 'DELETE', `${TOWN_HALL}/users/bob`)).toBe(0);
    expect(runtime.emulators.agora.rooms.get(TOWN_HALL)?.members).toContain('bob');
  });

  it('chat users may not run destructive commands they have no right to, nor writes as viewers', async () => {
    expect(await handle(OPERATOR, `delete agora ${TOWN_HALL}`)).toMatchObject({
      type: 'error',
      error: { code: 'denied' },
    });
    expect(await handle(VIEWER, 'create agora Sneaky')).toMatchObject({
      type: 'error',
      error: { code: 'denied' },
    });
    expect(resultOf(await handle(VIEWER, 'list agora')).result).toHaveProperty('rooms');
  });

  it('two-person rule: the requester may not approve, a second admin may', async () => {
    const confirm = confirmOf(await handle(ADMIN, 'delete rong support-1'));
    const own = await decide(ADMIN, confirm.pending.id);
    expect(own.type).toBe('refused');
    if (own.type === 'refused') expect(own.reason).toMatch(/second person/);
    expect(runtime.emulators.rongcloud.rooms.has('support-1')).toBe(true);
    const other = await decide(ADMIN2, confirm.pending.id);
    expect(other).toMatchObject({ type: 'decided', decision: 'approved' });
    expect(runtime.emulators.rongcloud.rooms.has('support-1')).toBe(false);
  });

  it('expiry: overdue actions are swept once by expireDue; a late click is told it expired', async () => {
    const swept = confirmOf(await handle(ADMIN, `mute agora ${TOWN_HALL}`));
    const late = confirmOf(await handle(ADMIN, `mute agora ${TOWN_HALL} on`));
    clock += 5 * 60_000 + 1;
    const expired = await runtime.engine.expireDue(['slack', 'discord']);
    expect(expired.map((p) => p.id)).toEqual(expect.arrayContaining([swept.pending.id, late.pending.id]));
    expect(await runtime.engine.expireDue(['slack', 'discord'])).toEqual([]);
    expect(await decide(ADMIN2, late.pending.id)).toMatchObject({ type: 'stale', reason: 'expired' });
    expect(runtime.emulators.agora.rooms.get(TOWN_HALL)?.mute).toBe(false);
  });

  it('an unswept but overdue action cannot be approved', async () => {
    const confirm = confirmOf(await handle(ADMIN, `members agora ${TOWN_HALL} remove carol`));
    clock += 6 * 60_000;
    const outcome = await decide(ADMIN2, confirm.pending.id);
    expect(outcome).toMatchObject({ type: 'stale', reason: 'expired' });
    expect(runtime.emulators.agora.rooms.get(TOWN_HALL)?.members).toContain('carol');
  });

  it('preconfirmed is ignored for a chat principal (only the local shell confirms inline)', async () => {
    const outcome = await handle(ADMIN, 'delete rong lobby', { preconfirmed: true });
    expect(outcome.type).toBe('confirm');
    expect(runtime.emulators.rongcloud.rooms.has('lobby')).toBe(true);
  });

  it('the audit log records the request, the approval and the vendor outcome', async () => {
    // Its own room, so the test does not depend on what other tests deleted.
    const created = resultOf(await handle(ADMIN, 'create agora Audited'));
    const id = (created.result as { room: { id: string } }).room.id;
    const confirm = confirmOf(await handle(ADMIN, `delete agora ${id}`));
    expect(await decide(ADMIN2, confirm.pending.id)).toMatchObject({ type: 'decided', decision: 'approved' });
    expect(runtime.emulators.agora.rooms.has(id)).toBe(false);

    const entries = (
      await runtime.store.audit.query({ account: 'agora', action: 'delete', limit: 1000 })
    ).filter((e) => e.rooms.includes(id));
    // The request: by UADMIN, waiting for confirmation, in the channel.
    const byOutcome = (outcome: string) => entries.filter((e) => e.outcome === outcome);
    expect(byOutcome('pending')).toHaveLength(1);
    expect(byOutcome('pending')[0]).toMatchObject({ actor: 'slack:UADMIN', channel: 'slack:C0OPS' });
    // The approval: by UADMIN2.
    expect(byOutcome('approved')).toHaveLength(1);
    expect(byOutcome('approved')[0]).toMatchObject({ actor: 'slack:UADMIN2', decidedBy: 'slack:UADMIN2' });
    // The vendor outcome: run once, for the requester, approved by UADMIN2, and it succeeded.
    const ran = byOutcome('ok');
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({
      actor: 'slack:UADMIN',
      decidedBy: 'slack:UADMIN2',
      channel: 'slack:C0OPS',
    });
    expect(ran[0]!.detail).toContain(id);
    expect(entries.every((e) => e.pendingId === confirm.pending.id)).toBe(true);
    expect(ran[0]!.decidedAt).toBeInstanceOf(Date);
  });
});

describe('engine: restart', () => {
  it('a pending action survives closing the runtime; approving it on a new runtime over the same file works', async () => {
    const file = `sqlite:${join(dir, 'restart.sqlite')}`;
    const first = await startSandboxRuntime({ access: ACCESS, storeUrl: file });
    let id: string;
    try {
      id = confirmOf(
        await first.engine.handle({ principal: ADMIN, place: CHANNEL, text: `delete agora ${TOWN_HALL}` }),
      ).pending.id;
    } finally {
      await first.close();
    }
    const second = await startSandboxRuntime({ access: ACCESS, storeUrl: file });
    try {
      const outcome = await decide(ADMIN2, id, 'approved', second);
      expect(outcome).toMatchObject({ type: 'decided', decision: 'approved' });
      if (outcome.type === 'decided')
        expect(resultOf(outcome.outcome).result).toEqual({ deleted: [TOWN_HALL] });
      expect(reached(second, 'agora', 'DELETE', TOWN_HALL)).toBe(1);
    } finally {
      await second.close();
    }
  });
});

describe('engine: typed options (Discord) and the default access', () => {
  it('typed options give the same result as the text', async () => {
    const pairs: [string, { action: string; options: Record<string, string | boolean> }][] = [
      [`info ifly 1`, { action: 'info', options: { account: 'ifly', room: '1' } }],
      [`members rong launch-42`, { action: 'members', options: { account: 'rong', room: 'launch-42' } }],
      [`list agora limit=2`, { action: 'list', options: { account: 'agora', fields: 'limit=2' } }],
      [
        `history ifly 1 limit=3`,
        { action: 'history', options: { account: 'ifly', room: '1', fields: 'limit=3' } },
      ],
    ];
    for (const [text, typed] of pairs) {
      const fromText = await runtime.engine.handle({ principal: VIEWER, place: CHANNEL, text });
      const fromTyped = await runtime.engine.handle({ principal: VIEWER, place: CHANNEL, typed });
      expect(resultOf(fromTyped).result, text).toEqual(resultOf(fromText).result);
    }
    // Writes and destructive forms too: the same kind, the same confirmation text.
    const voiceTyped = await runtime.engine.handle({
      principal: ADMIN,
      place: CHANNEL,
      typed: { action: 'voice', options: { account: 'watch', room: 'match-day', enabled: true } },
    });
    expect(resultOf(voiceTyped).result.room).toMatchObject({ id: 'match-day', isSpeak: true });
    const byText = confirmOf(await handle(ADMIN, 'status watch match-day ENDED'));
    const byTyped = confirmOf(
      await runtime.engine.handle({
        principal: ADMIN,
        place: CHANNEL,
        typed: { action: 'status', options: { account: 'watch', room: 'match-day', status: 'ENDED' } },
      }),
    );
    expect(byTyped.pending.description).toBe(byText.pending.description);
    expect(byTyped.pending.kind).toBe('destructive');
  });

  it('with no access section chat users may read, but a create is denied', async () => {
    const open = await startSandboxRuntime({ storeUrl: `sqlite:${join(dir, 'noaccess.sqlite')}` });
    try {
      expect(open.warnings.join(' ')).toMatch(/read/);
      const list = await open.engine.handle({ principal: slack('UANY'), place: CHANNEL, text: 'list agora' });
      expect(resultOf(list).result).toHaveProperty('rooms');
      const create = await open.engine.handle({
        principal: slack('UANY'),
        place: CHANNEL,
        text: 'create agora Sneaky',
      });
      expect(create).toMatchObject({ type: 'error', error: { code: 'denied' } });
      const del = await open.engine.handle({
        principal: slack('UANY'),
        place: CHANNEL,
        text: `delete agora ${TOWN_HALL}`,
      });
      expect(del).toMatchObject({ type: 'error', error: { code: 'denied' } });
      expect(reached(open, 'agora', 'POST', 'chatrooms')).toBe(0);
    } finally {
      await open.close();
    }
  });
});

describe('the local shell user', () => {
  const SHELL: Principal = { platform: 'shell', id: 'shell:tester', displayName: 'tester', groups: [] };
  const HERE: Place = { platform: 'shell' };
  // Each test its own room: either may run first (shuffled), and one deletes its room.
  async function shellRoom(): Promise<string> {
    const created = await runtime.engine.handle({
      principal: SHELL,
      place: HERE,
      text: 'create agora "Shell test" owner=alice',
    });
    if (created.type !== 'result') throw new Error(`create failed: ${JSON.stringify(created)}`);
    return (created.result.room as { id: string }).id;
  }

  it('is not subject to access:, but a destructive command without confirmation is not_confirmed, audited, and leaves nothing pending', async () => {
    const room = await shellRoom();
    const outcome = await runtime.engine.handle({
      principal: SHELL,
      place: HERE,
      text: `delete agora ${room}`,
    });
    expect(outcome.type).toBe('error');
    expect(outcome.type === 'error' && outcome.error.code).toBe('not_confirmed');
    expect(runtime.emulators.agora.rooms.has(room)).toBe(true);
    const [entry] = await runtime.store.audit.query({ actor: 'shell:tester', action: 'delete', limit: 1 });
    expect(entry?.outcome).toBe('cancelled');
    expect(entry?.pendingId).toBeUndefined();
  });

  it('runs a destructive command confirmed inline, and the audit says who confirmed it', async () => {
    const room = await shellRoom();
    const outcome = await runtime.engine.handle({
      principal: SHELL,
      place: HERE,
      text: `delete agora ${room}`,
      preconfirmed: true,
    });
    expect(outcome.type).toBe('result');
    expect(runtime.emulators.agora.rooms.has(room)).toBe(false);
    const [entry] = await runtime.store.audit.query({ actor: 'shell:tester', action: 'delete', limit: 1 });
    expect(entry?.outcome).toBe('ok');
    expect(entry?.decidedBy).toBe('shell:tester');
  });
});
