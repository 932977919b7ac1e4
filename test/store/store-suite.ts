/**
 * The one store suite both backends must pass (run by sqlite.test.ts and
 * postgres.test.ts). A harness hands out URLs of fresh, empty databases; each
 * test opens its own.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { AuditEntry, NewPendingAction, PendingAction, Store } from '../../src/store/types.js';
import { jobStoreSuite } from './job-store-suite.js';

export interface StoreHarness {
  /** URL of a fresh, empty database (a new file, schema, or `sqlite::memory:`). */
  freshUrl(): Promise<string>;
  /** Whether a second connection or process opening the URL sees the same data (not so for `:memory:`). */
  shared: boolean;
}

const T0 = Date.parse('2030-01-01T12:00:00.000Z');
const at = (offsetMs: number): Date => new Date(T0 + offsetMs);
const MINUTE = 60_000;

/** A pending delete as chat would store it; tests override what they look at. */
export function newAction(overrides: Partial<NewPendingAction> = {}): NewPendingAction {
  return {
    createdAt: at(0),
    expiresAt: at(5 * MINUTE),
    requester: 'slack:U0REQUEST1',
    requesterName: 'Rita Requester',
    platform: 'slack',
    channel: 'slack:C0OPS',
    account: 'rong-prod',
    action: 'delete',
    kind: 'destructive',
    invocation: {
      action: 'delete',
      account: 'rong-prod',
      rooms: ['lobby-42'],
      args: { nested: [1, 'two', null] },
    },
    description: 'Delete room lobby-42 on rong-prod (RongCloud)',
    rooms: ['lobby-42'],
    ...overrides,
  };
}

const BUILT_STORE = fileURLToPath(new URL('../../dist/src/store/open-store.js', import.meta.url));
const RACE_CHILD = fileURLToPath(new URL('./fixtures/race-child.mjs', import.meta.url));

interface ChildResult {
  won: number;
  lost: Record<string, number>;
}

/**
 * Starts `node race-child.mjs`, which opens the database at `url` (passed in
 * the environment, not argv, so the password is not in `ps`), says `ready`,
 * waits for `go` on stdin, fires `attempts` decides on `id`, prints the tally.
 */
function startRaceChild(url: string, id: string, who: string, attempts: number) {
  const child = spawn(process.execPath, [RACE_CHILD], {
    env: { ...process.env, RACE_URL: url, RACE_ID: id, RACE_WHO: who, RACE_ATTEMPTS: String(attempts) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`race child exited (${code}) before ready: ${err}`)));
  });
  child.stderr.on('data', (chunk: string) => {
    err += chunk;
  });
  const result = new Promise<ChildResult>((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`race child exited with ${code}: ${err}`));
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return reject(new Error(`race child printed no result: ${out} ${err}`));
      resolve(JSON.parse(line) as ChildResult);
    });
  });
  return { ready, result, go: () => child.stdin.end('go\n'), kill: () => child.kill() };
}

export function storeSuite(label: string, harness: StoreHarness): void {
  describe(label, () => {
    const opened: Store[] = [];
    async function open(url?: string): Promise<Store> {
      const store = await openStore(url ?? (await harness.freshUrl()));
      opened.push(store);
      return store;
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    describe('opening and migrations', () => {
      it.skipIf(!harness.shared)('keeps the data and migrates nothing twice when opened again', async () => {
        const url = await harness.freshUrl();
        const first = await open(url);
        const created = await first.pending.create(newAction());
        await first.close();
        const second = await open(url);
        expect(await second.pending.get(created.id)).toEqual(created);
        const third = await open(url);
        expect(await third.healthy()).toBe(true);
      });

      it.skipIf(!harness.shared)(
        'lets several processes open a fresh database at the same moment',
        async () => {
          const url = await harness.freshUrl();
          const stores = await Promise.all([open(url), open(url), open(url)]);
          const created = await stores[0]!.pending.create(newAction());
          for (const s of stores) expect((await s.pending.get(created.id))?.id).toBe(created.id);
        },
      );

      it('is healthy while open and not after close (close twice is fine)', async () => {
        const store = await open();
        expect(await store.healthy()).toBe(true);
        await store.close();
        expect(await store.healthy()).toBe(false);
        await store.close();
      });
    });

    describe('pending actions', () => {
      it('creates an action with an unguessable URL-safe id and reads it back whole', async () => {
        const store = await open();
        const created = await store.pending.create(newAction({ prompt: { platform: 'shell' } }));
        expect(created.id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
        expect(Buffer.from(created.id, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
        expect(created.state).toBe('pending');
        expect(created).toMatchObject({
          createdAt: at(0),
          expiresAt: at(5 * MINUTE),
          requester: 'slack:U0REQUEST1',
          requesterName: 'Rita Requester',
          rooms: ['lobby-42'],
          prompt: { platform: 'shell' },
        });
        expect(created).not.toHaveProperty('decidedBy');
        expect(created).not.toHaveProperty('guild');
        expect(await store.pending.get(created.id)).toEqual(created);

        const ids = new Set<string>();
        for (let i = 0; i < 20; i++) ids.add((await store.pending.create(newAction())).id);
        expect(ids.size).toBe(20);
      });

      it('keeps a caller-chosen id and answers undefined for an unknown one', async () => {
        const store = await open();
        const created = await store.pending.create(newAction({ id: 'chosen-id-1' }));
        expect(created.id).toBe('chosen-id-1');
        expect(await store.pending.get('no-such-id')).toBeUndefined();
      });

      it('attaches the prompt to update later, and refuses an unknown id', async () => {
        const store = await open();
        const created = await store.pending.create(newAction());
        const prompt = {
          platform: 'slack' as const,
          responseUrl: 'https://hooks.slack.test/r/1',
          channel: 'C0OPS',
          ts: '1.2',
        };
        await store.pending.attachPrompt(created.id, prompt);
        expect((await store.pending.get(created.id))?.prompt).toEqual(prompt);
        await expect(store.pending.attachPrompt('no-such-id', { platform: 'shell' })).rejects.toThrow(
          /no-such-id/,
        );
      });

      it('decides once: the winner gets the action, a later click learns who decided and when', async () => {
        const store = await open();
        const { id } = await store.pending.create(newAction());
        const first = await store.pending.decide(id, 'approved', 'slack:U0ADMIN001', 'Ada Admin', at(MINUTE));
        expect(first.won).toBe(true);
        if (!first.won) return;
        expect(first.action).toMatchObject({
          state: 'approved',
          decidedBy: 'slack:U0ADMIN001',
          decidedByName: 'Ada Admin',
          decidedAt: at(MINUTE),
        });

        const late = await store.pending.decide(
          id,
          'cancelled',
          'slack:U0REQUEST1',
          undefined,
          at(2 * MINUTE),
        );
        expect(late).toEqual({ won: false, reason: 'already_decided', action: first.action });
        expect((await store.pending.get(id))?.state).toBe('approved');
      });

      it('records a cancellation, and an approval after it is already decided', async () => {
        const store = await open();
        const { id } = await store.pending.create(newAction());
        const cancel = await store.pending.decide(id, 'cancelled', 'slack:U0REQUEST1', undefined, at(MINUTE));
        expect(cancel.won && cancel.action.state).toBe('cancelled');
        if (cancel.won) expect(cancel.action).not.toHaveProperty('decidedByName');
        const approve = await store.pending.decide(id, 'approved', 'slack:U0ADMIN001', 'Ada', at(MINUTE + 1));
        expect(approve).toMatchObject({
          won: false,
          reason: 'already_decided',
          action: { state: 'cancelled', decidedBy: 'slack:U0REQUEST1' },
        });
      });

      it('answers expired for a click at or after the expiry, and marks the action expired', async () => {
        const store = await open();
        const { id } = await store.pending.create(newAction());
        const click = await store.pending.decide(
          id,
          'approved',
          'slack:U0ADMIN001',
          undefined,
          at(5 * MINUTE),
        );
        expect(click).toMatchObject({ won: false, reason: 'expired', action: { id, state: 'expired' } });
        expect((await store.pending.get(id))?.state).toBe('expired');
        expect(await store.pending.decide(id, 'approved', 'x', undefined, at(0))).toMatchObject({
          won: false,
          reason: 'expired',
        });
        // Already expired by the click: the sweeper does not report it again.
        expect(await store.pending.expireDue(at(10 * MINUTE))).toEqual([]);
      });

      it('answers unknown for an id it never issued', async () => {
        const store = await open();
        expect(
          await store.pending.decide('AAAAAAAAAAAAAAAAAAAAAAAA', 'approved', 'x', undefined, at(0)),
        ).toEqual({
          won: false,
          reason: 'unknown',
        });
      });

      it('finishes an approved action with its outcome, and only an approved one', async () => {
        const store = await open();
        const { id } = await store.pending.create(newAction());
        await expect(store.pending.finish(id, 'done', {}, at(MINUTE))).rejects.toThrow(
          /pending, not approved/,
        );
        await store.pending.decide(id, 'approved', 'slack:U0ADMIN001', undefined, at(MINUTE));
        const outcome = { deleted: ['lobby-42'], vendorRequestId: 'req-1' };
        await store.pending.finish(id, 'done', outcome, at(MINUTE + 1500));
        expect(await store.pending.get(id)).toMatchObject({
          state: 'done',
          outcome,
          finishedAt: at(MINUTE + 1500),
        });
        await expect(store.pending.finish(id, 'failed', {}, at(2 * MINUTE))).rejects.toThrow(
          /done, not approved/,
        );
        await expect(store.pending.finish('no-such-id', 'failed', {}, at(0))).rejects.toThrow(
          /no such action/,
        );

        const second = await store.pending.create(newAction());
        await store.pending.decide(second.id, 'approved', 'slack:U0ADMIN001', undefined, at(MINUTE));
        await store.pending.finish(second.id, 'failed', { code: 'vendor_unavailable' }, at(2 * MINUTE));
        expect(await store.pending.get(second.id)).toMatchObject({
          state: 'failed',
          outcome: { code: 'vendor_unavailable' },
        });
      });

      it('expires exactly the due pending actions, each once', async () => {
        const store = await open();
        const due1 = await store.pending.create(newAction({ expiresAt: at(MINUTE) }));
        const due2 = await store.pending.create(newAction({ expiresAt: at(2 * MINUTE) }));
        const later = await store.pending.create(newAction({ expiresAt: at(10 * MINUTE) }));
        const decided = await store.pending.create(newAction({ expiresAt: at(MINUTE) }));
        await store.pending.decide(decided.id, 'cancelled', 'slack:U0REQUEST1', undefined, at(30_000));

        const expired = await store.pending.expireDue(at(2 * MINUTE));
        expect(expired.map((a) => a.id)).toEqual([due1.id, due2.id]);
        expect(expired.every((a) => a.state === 'expired')).toBe(true);
        expect(await store.pending.expireDue(at(2 * MINUTE))).toEqual([]);
        expect((await store.pending.get(later.id))?.state).toBe('pending');
        expect((await store.pending.get(decided.id))?.state).toBe('cancelled');
      });

      it('expires only the platforms asked for, leaving the others to a replica that serves them', async () => {
        const store = await open();
        const onSlack = await store.pending.create(newAction({ expiresAt: at(MINUTE), platform: 'slack' }));
        const onDiscord = await store.pending.create(
          newAction({ expiresAt: at(MINUTE), platform: 'discord' }),
        );
        expect(await store.pending.expireDue(at(2 * MINUTE), [])).toEqual([]);
        const slackOnly = await store.pending.expireDue(at(2 * MINUTE), ['slack']);
        expect(slackOnly.map((a) => a.id)).toEqual([onSlack.id]);
        expect((await store.pending.get(onDiscord.id))?.state).toBe('pending');
        const both = await store.pending.expireDue(at(2 * MINUTE), ['slack', 'discord']);
        expect(both.map((a) => a.id)).toEqual([onDiscord.id]);
      });

      it('lists the actions still open, soonest expiry first, within the limit', async () => {
        const store = await open();
        const late = await store.pending.create(newAction({ expiresAt: at(10 * MINUTE) }));
        const soon = await store.pending.create(newAction({ expiresAt: at(2 * MINUTE) }));
        await store.pending.create(newAction({ expiresAt: at(MINUTE) }));
        const decided = await store.pending.create(newAction({ expiresAt: at(5 * MINUTE) }));
        await store.pending.decide(decided.id, 'cancelled', 'slack:U0REQUEST1', undefined, at(30_000));

        const open1 = await store.pending.listOpen(at(MINUTE), 10);
        expect(open1.map((a) => a.id)).toEqual([soon.id, late.id]);
        expect(open1[0]).toMatchObject({ state: 'pending', requester: soon.requester });
        expect((await store.pending.listOpen(at(MINUTE), 1)).map((a) => a.id)).toEqual([soon.id]);
        expect(await store.pending.listOpen(at(MINUTE), 0)).toEqual([]);
      });

      it.skipIf(!harness.shared)('hands each expired action to exactly one of several sweepers', async () => {
        const url = await harness.freshUrl();
        const stores = await Promise.all([open(url), open(url), open(url)]);
        const ids: string[] = [];
        for (let i = 0; i < 30; i++)
          ids.push((await stores[0]!.pending.create(newAction({ expiresAt: at(i) }))).id);
        const batches = await Promise.all(
          stores.flatMap((s) => [s.pending.expireDue(at(MINUTE)), s.pending.expireDue(at(MINUTE))]),
        );
        const returned = batches.flat().map((a) => a.id);
        expect(returned.sort()).toEqual([...ids].sort());
      });

      it('lets exactly one of 50 simultaneous decisions win', async () => {
        const url = await harness.freshUrl();
        // Several connections where the database can share (separate SQLite
        // connections, PostgreSQL pools), else one.
        const stores = harness.shared
          ? await Promise.all(Array.from({ length: 5 }, () => open(url)))
          : [await open(url)];
        const { id } = await stores[0]!.pending.create(newAction());
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            stores[i % stores.length]!.pending.decide(
              id,
              i % 2 ? 'approved' : 'cancelled',
              `slack:U${i}`,
              undefined,
              at(MINUTE),
            ),
          ),
        );
        const winners = results.filter((r) => r.won);
        expect(winners).toHaveLength(1);
        const winner = winners[0] as { won: true; action: PendingAction };
        for (const r of results) {
          if (r.won) continue;
          expect(r).toMatchObject({
            reason: 'already_decided',
            action: { decidedBy: winner.action.decidedBy },
          });
        }
        expect((await stores[0]!.pending.get(id))?.decidedBy).toBe(winner.action.decidedBy);
      });

      it.skipIf(!harness.shared)('lets exactly one of two OS processes racing to approve win', async () => {
        if (!existsSync(BUILT_STORE)) {
          throw new Error(
            `${BUILT_STORE} is missing: run \`npx tsc -p tsconfig.json\` first (npm test does it in pretest)`,
          );
        }
        const url = await harness.freshUrl();
        const store = await open(url);
        for (let round = 0; round < 3; round++) {
          const { id } = await store.pending.create(
            newAction({ expiresAt: new Date(Date.now() + 10 * MINUTE) }),
          );
          const children = [
            startRaceChild(url, id, 'slack:U0CHILD0A', 10),
            startRaceChild(url, id, 'slack:U0CHILD0B', 10),
          ];
          try {
            await Promise.all(children.map((c) => c.ready));
            for (const c of children) c.go();
            const tallies = await Promise.all(children.map((c) => c.result));
            expect(tallies.reduce((sum, t) => sum + t.won, 0)).toBe(1);
            expect(tallies.reduce((sum, t) => sum + (t.lost.already_decided ?? 0), 0)).toBe(19);
            const decided = await store.pending.get(id);
            expect(decided?.state).toBe('approved');
            const winnerIndex = tallies.findIndex((t) => t.won === 1);
            expect(decided?.decidedBy).toBe(['slack:U0CHILD0A', 'slack:U0CHILD0B'][winnerIndex]);
          } finally {
            for (const c of children) c.kill();
          }
        }
      });
    });

    describe('audit log', () => {
      function entry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
        return {
          at: at(i * 1000),
          actor: i % 2 ? 'slack:U0ODD' : 'discord:400000000000000001',
          platform: i % 2 ? 'slack' : 'discord',
          account: i % 3 ? 'rong-prod' : 'agora-prod',
          action: i % 5 ? 'list' : 'delete',
          args: { i },
          rooms: [],
          outcome: 'ok',
          ...overrides,
        };
      }

      it('keeps every field of an entry', async () => {
        const store = await open();
        const full: AuditEntry = {
          at: at(0),
          actor: 'slack:U0ADMIN001',
          actorName: 'Ada Admin',
          platform: 'slack',
          channel: 'slack:C0OPS',
          guild: 'discord:guild:1',
          account: 'rong-prod',
          action: 'delete',
          kind: 'destructive',
          args: { rooms: ['a', 'b'], appSecret: '[redacted]', deep: { n: 1.5, t: true } },
          rooms: ['a', 'b'],
          outcome: 'approved',
          detail: 'deleted 2 rooms',
          vendorRequestId: 'req-123',
          latencyMs: 12.5,
          pendingId: 'p1',
          decidedBy: 'slack:U0OTHER',
          decidedAt: at(500),
        };
        await store.audit.append(full);
        const minimal: AuditEntry = {
          at: at(1),
          actor: 'shell:alice',
          platform: 'shell',
          action: 'help',
          args: {},
          rooms: [],
          outcome: 'ok',
        };
        await store.audit.append(minimal);
        const [newest, oldest] = await store.audit.query({});
        expect(newest).toEqual({ ...minimal, id: expect.any(Number) });
        expect(oldest).toEqual({ ...full, id: expect.any(Number) });
      });

      it('lists newest first, filtered by actor, account and action', async () => {
        const store = await open();
        // Appended out of time order: the query orders by time, not insertion.
        for (const i of [3, 0, 7, 1, 9, 4, 2, 8, 5, 6]) await store.audit.append(entry(i));
        const times = (entries: AuditEntry[]) => entries.map((e) => (e.at.getTime() - T0) / 1000);
        expect(times(await store.audit.query({}))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        expect(times(await store.audit.query({ actor: 'slack:U0ODD' }))).toEqual([9, 7, 5, 3, 1]);
        expect(times(await store.audit.query({ account: 'agora-prod' }))).toEqual([9, 6, 3, 0]);
        expect(times(await store.audit.query({ action: 'delete' }))).toEqual([5, 0]);
        expect(
          times(await store.audit.query({ actor: 'slack:U0ODD', account: 'agora-prod', action: 'list' })),
        ).toEqual([9, 3]);
        expect(await store.audit.query({ actor: 'slack:NOBODY' })).toEqual([]);
        expect(times(await store.audit.query({ limit: 3 }))).toEqual([9, 8, 7]);
        expect(times(await store.audit.query({ action: 'list', limit: 2 }))).toEqual([9, 8]);
      });

      it('orders entries of the same instant by insertion, newest first', async () => {
        const store = await open();
        for (const detail of ['first', 'second', 'third']) await store.audit.append(entry(0, { detail }));
        expect((await store.audit.query({})).map((e) => e.detail)).toEqual(['third', 'second', 'first']);
      });

      it('returns 50 by default and at most 1000', async () => {
        const store = await open();
        for (let i = 0; i < 1005; i++) await store.audit.append(entry(i));
        expect(await store.audit.query({})).toHaveLength(50);
        expect(await store.audit.query({ limit: 5000 })).toHaveLength(1000);
        expect(await store.audit.query({ limit: 0 })).toHaveLength(1);
        const newest = await store.audit.query({ limit: 1000 });
        expect(newest[0]?.at).toEqual(at(1004 * 1000));
        expect(newest[999]?.at).toEqual(at(5 * 1000));
      });
    });

    describe('inventory', () => {
      const room = (roomId: string, extra: Record<string, unknown> = {}) => ({
        account: 'rong-prod',
        vendor: 'rongcloud',
        roomId,
        data: { chatroomId: roomId, ...extra },
      });

      it('records a room and updates it, keeping when and by whom it was first recorded', async () => {
        const store = await open();
        await store.inventory.upsert(
          { ...room('lobby-1'), name: 'Lobby', createdBy: 'slack:U0ADMIN001' },
          at(0),
        );
        expect(await store.inventory.get('rong-prod', 'lobby-1')).toEqual({
          account: 'rong-prod',
          vendor: 'rongcloud',
          roomId: 'lobby-1',
          name: 'Lobby',
          data: { chatroomId: 'lobby-1' },
          createdAt: at(0),
          updatedAt: at(0),
          createdBy: 'slack:U0ADMIN001',
        });
        await store.inventory.upsert(
          { ...room('lobby-1', { members: 3 }), createdBy: 'shell:bob' },
          at(MINUTE),
        );
        expect(await store.inventory.get('rong-prod', 'lobby-1')).toMatchObject({
          name: 'Lobby',
          data: { chatroomId: 'lobby-1', members: 3 },
          createdAt: at(0),
          updatedAt: at(MINUTE),
          createdBy: 'slack:U0ADMIN001',
        });
        await store.inventory.upsert({ ...room('lobby-1'), name: 'Renamed' }, at(2 * MINUTE));
        expect((await store.inventory.get('rong-prod', 'lobby-1'))?.name).toBe('Renamed');
        expect(await store.inventory.get('rong-prod', 'nope')).toBeUndefined();
        expect(await store.inventory.get('other-account', 'lobby-1')).toBeUndefined();
      });

      it('marks rooms gone with the reason, hides them unless asked, and a sighting revives one', async () => {
        const store = await open();
        for (const id of ['a', 'b', 'c']) await store.inventory.upsert(room(id), at(0));
        await store.inventory.markGone('rong-prod', ['a', 'not-recorded'], 'deleted', at(MINUTE));
        await store.inventory.markGone('rong-prod', ['b'], 'vanished', at(2 * MINUTE));
        await store.inventory.markGone('rong-prod', ['b'], 'deleted', at(3 * MINUTE));
        await store.inventory.markGone('rong-prod', [], 'deleted', at(3 * MINUTE));
        expect((await store.inventory.list('rong-prod')).map((r) => r.roomId)).toEqual(['c']);
        const all = await store.inventory.list('rong-prod', { includeGone: true });
        expect(all.map((r) => [r.roomId, r.goneReason, r.goneAt])).toEqual([
          ['a', 'deleted', at(MINUTE)],
          ['b', 'vanished', at(2 * MINUTE)],
          ['c', undefined, undefined],
        ]);
        expect(await store.inventory.get('rong-prod', 'not-recorded')).toBeUndefined();

        await store.inventory.upsert(room('b'), at(4 * MINUTE));
        const revived = await store.inventory.get('rong-prod', 'b');
        expect(revived).not.toHaveProperty('goneAt');
        expect(revived).not.toHaveProperty('goneReason');
        expect((await store.inventory.list('rong-prod')).map((r) => r.roomId)).toEqual(['b', 'c']);
      });

      it('lists one account by room id in byte order, in pages', async () => {
        const store = await open();
        const ids = ['room-10', 'room-2', 'Room-3', 'room_1', 'a', 'B', 'z-last'];
        for (const id of ids) await store.inventory.upsert(room(id), at(0));
        await store.inventory.upsert({ ...room('other'), account: 'agora-prod', vendor: 'agora' }, at(0));
        const sorted = [...ids].sort(); // JS sorts by UTF-16 code units: byte order for ASCII
        expect((await store.inventory.list('rong-prod')).map((r) => r.roomId)).toEqual(sorted);
        const pages: string[][] = [];
        let after: string | undefined;
        for (;;) {
          const page = await store.inventory.list('rong-prod', {
            limit: 3,
            ...(after !== undefined ? { afterRoomId: after } : {}),
          });
          if (page.length === 0) break;
          pages.push(page.map((r) => r.roomId));
          after = page[page.length - 1]!.roomId;
        }
        expect(pages).toEqual([sorted.slice(0, 3), sorted.slice(3, 6), sorted.slice(6)]);
        expect((await store.inventory.list('agora-prod')).map((r) => r.roomId)).toEqual(['other']);
        expect(await store.inventory.list('nobody')).toEqual([]);
        await expect(store.inventory.list('rong-prod', { limit: 0 })).rejects.toThrow(/limit/);
      });
    });

    describe('interaction receipts', () => {
      it('claims an interaction id once; a replay, even from another connection, is refused', async () => {
        const store = await open();
        expect(await store.interactions.claim('1100000000000000001', 'discord', at(0))).toBe(true);
        expect(await store.interactions.claim('1100000000000000001', 'discord', at(MINUTE))).toBe(false);
        expect(await store.interactions.claim('1100000000000000002', 'discord', at(MINUTE))).toBe(true);
      });

      it.skipIf(!harness.shared)(
        'lets exactly one of 20 simultaneous claims on two connections win',
        async () => {
          const url = await harness.freshUrl();
          const [a, b] = await Promise.all([open(url), open(url)]);
          const claims = await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              (i % 2 ? a : b).interactions.claim('dup-1', 'discord', at(0)),
            ),
          );
          expect(claims.filter(Boolean)).toHaveLength(1);
        },
      );

      it('forgets ids older than the cut-off, and only those', async () => {
        const store = await open();
        await store.interactions.claim('old', 'discord', at(0));
        await store.interactions.claim('new', 'discord', at(10 * MINUTE));
        expect(await store.interactions.prune(at(5 * MINUTE))).toBe(1);
        expect(await store.interactions.claim('old', 'discord', at(11 * MINUTE))).toBe(true);
        expect(await store.interactions.claim('new', 'discord', at(11 * MINUTE))).toBe(false);
      });
    });

    describe('page sets', () => {
      const pageSet = (key: string, createdAt: Date, ttlMs = 15 * MINUTE) => ({
        key,
        platform: 'slack' as const,
        owner: 'slack:U0REQUEST1',
        pages: [{ text: 'page 1', blocks: [{ type: 'section' }] }, { text: 'page 2 ✓ <&>' }],
        createdAt,
        expiresAt: new Date(createdAt.getTime() + ttlMs),
      });

      it('keeps the pages and who asked until they expire', async () => {
        const store = await open();
        await store.pages.put(pageSet('k1', at(0)));
        expect(await store.pages.get('k1', at(MINUTE))).toEqual(pageSet('k1', at(0)));
        expect(await store.pages.get('k1', at(15 * MINUTE))).toBeUndefined();
        expect(await store.pages.get('nope', at(0))).toBeUndefined();
      });

      it.skipIf(!harness.shared)('shows a set written by one connection to another', async () => {
        const url = await harness.freshUrl();
        const [a, b] = await Promise.all([open(url), open(url)]);
        await a.pages.put(pageSet('shared', at(0)));
        expect((await b.pages.get('shared', at(MINUTE)))?.pages).toEqual(pageSet('shared', at(0)).pages);
      });

      it('prunes expired sets, then all but the newest ones', async () => {
        const store = await open();
        await store.pages.put(pageSet('expired', at(0), MINUTE));
        for (let i = 1; i <= 5; i++) await store.pages.put(pageSet(`k${i}`, at(i * 1000)));
        expect(await store.pages.prune(at(2 * MINUTE), 3)).toBe(3);
        const left = [];
        for (const key of ['expired', 'k1', 'k2', 'k3', 'k4', 'k5'])
          if (await store.pages.get(key, at(2 * MINUTE))) left.push(key);
        expect(left).toEqual(['k3', 'k4', 'k5']);
        expect(await store.pages.prune(at(2 * MINUTE), 3)).toBe(0);
      });
    });

    jobStoreSuite(() => open());
  });
}
