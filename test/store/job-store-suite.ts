/**
 * The job store's guarantees, on both backends (called from store-suite.ts):
 * one lease holder at a time, resume from the first unfinished item with the
 * in-flight one flagged, nothing recorded by a process that lost its lease,
 * cancel before the next item, missed schedules, counts by state.
 */
import { describe, expect, it } from 'vitest';
import type { NewJob } from '../../src/store/job-types.js';
import type { Store } from '../../src/store/types.js';

const T0 = Date.parse('2030-01-01T12:00:00.000Z');
const at = (offsetMs: number): Date => new Date(T0 + offsetMs);
const LEASE = 30_000;
const GRACE = 60 * 60_000;

let jobs = 0;
function newJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    id: `j_test${++jobs}_${Math.random().toString(36).slice(2, 8)}`,
    createdAt: at(0),
    runAt: at(0),
    account: 'agora-prod',
    action: 'delete',
    kind: 'destructive',
    requester: 'slack:U0REQUEST1',
    requesterName: 'Rita Requester',
    approver: 'slack:U0APPROVE1',
    platform: 'slack',
    channel: 'slack:C0OPS',
    invocation: {
      action: 'delete',
      positionals: ['agora-prod'],
      options: {},
      flags: [],
      text: 'delete agora-prod match=t*',
    },
    description: 'delete on 3 rooms',
    rooms: ['r1', 'r2', 'r3'],
    ...overrides,
  };
}

export function jobStoreSuite(open: () => Promise<Store>): void {
  describe('jobs', () => {
    it('stores a job with its items in order and reads them back', async () => {
      const store = await open();
      const rooms = Array.from({ length: 450 }, (_, i) => `room-${i}`);
      const job = await store.jobs.create(newJob({ rooms }));
      expect(job).toMatchObject({
        state: 'scheduled',
        total: 450,
        done: 0,
        failed: 0,
        cancelRequested: false,
      });
      expect(job.invocation).toEqual(newJob().invocation);
      const items = await store.jobs.items(job.id);
      expect(items.map((i) => i.room)).toEqual(rooms);
      expect(items.every((i) => i.state === 'pending' && i.attempts === 0)).toBe(true);
      expect((await store.jobs.items(job.id, { fromSeq: 440 })).map((i) => i.room)).toEqual(rooms.slice(440));
      expect(await store.jobs.get('j_missing')).toBeUndefined();
    });

    it('leases a due job to exactly one owner, and not a job that is not due yet', async () => {
      const store = await open();
      const later = await store.jobs.create(newJob({ runAt: at(20_000) }));
      const due = await store.jobs.create(newJob());
      const first = await store.jobs.claim('owner-a', at(1_000), LEASE, GRACE);
      expect(first.job?.id).toBe(due.id);
      expect(first.job).toMatchObject({ state: 'running', leaseOwner: 'owner-a' });
      expect((await store.jobs.claim('owner-b', at(2_000), LEASE, GRACE)).job).toBeUndefined();
      const atItsTime = await store.jobs.claim('owner-b', at(20_000), LEASE, GRACE);
      expect(atItsTime.job?.id).toBe(later.id);
    });

    it('lets another owner take over when the lease runs out, and the old owner records nothing more', async () => {
      const store = await open();
      const job = await store.jobs.create(newJob());
      await store.jobs.claim('dead', at(0), LEASE, GRACE);
      const first = await store.jobs.startItem(job.id, 'dead');
      expect(first).toMatchObject({ item: { room: 'r1', attempts: 1 }, resumed: false });
      expect(await store.jobs.finishItem(job.id, 'dead', 0, { ok: true }, at(100))).toBe(true);
      const second = await store.jobs.startItem(job.id, 'dead');
      expect(second).toMatchObject({ item: { room: 'r2' }, resumed: false });
      // The process dies here, mid-item. Its lease is still valid for a while:
      expect((await store.jobs.claim('alive', at(LEASE - 1), LEASE, GRACE)).job).toBeUndefined();
      const taken = await store.jobs.claim('alive', at(LEASE + 1), LEASE, GRACE);
      expect(taken.job?.id).toBe(job.id);
      expect(await store.jobs.renew(job.id, 'dead', at(LEASE + 2), LEASE)).toBe(false);
      expect(await store.jobs.startItem(job.id, 'dead')).toBe('lease_lost');
      expect(await store.jobs.finishItem(job.id, 'dead', 1, { ok: true }, at(LEASE + 3))).toBe(false);
      // The new owner resumes from the first unfinished item, told it was in flight.
      const resumed = await store.jobs.startItem(job.id, 'alive');
      expect(resumed).toMatchObject({ item: { room: 'r2', attempts: 2 }, resumed: true });
      expect(
        await store.jobs.finishItem(
          job.id,
          'alive',
          1,
          { ok: false, error: { code: 'vendor_rejected', message: 'no' } },
          at(LEASE + 4),
        ),
      ).toBe(true);
      const third = await store.jobs.startItem(job.id, 'alive');
      expect(third).toMatchObject({ item: { room: 'r3', attempts: 1 }, resumed: false });
      await store.jobs.finishItem(job.id, 'alive', 2, { ok: true }, at(LEASE + 5));
      expect(await store.jobs.startItem(job.id, 'alive')).toBe('none_left');
      const ended = await store.jobs.finish(job.id, 'alive', 'failed', at(LEASE + 6));
      expect(ended).toMatchObject({ state: 'failed', done: 2, failed: 1, total: 3 });
      expect(ended).not.toHaveProperty('leaseOwner');
      const items = await store.jobs.items(job.id);
      expect(items.map((i) => [i.room, i.state, i.attempts])).toEqual([
        ['r1', 'done', 1],
        ['r2', 'failed', 2],
        ['r3', 'done', 1],
      ]);
      expect(items[1]!.error).toEqual({ code: 'vendor_rejected', message: 'no' });
    });

    it('hands out items in order past the ones this owner already started, so several can be in flight', async () => {
      const store = await open();
      const job = await store.jobs.create(newJob());
      await store.jobs.claim('a', at(0), LEASE, GRACE);
      const first = await store.jobs.startItem(job.id, 'a', -1);
      const second = await store.jobs.startItem(job.id, 'a', 0);
      expect([first, second]).toMatchObject([
        { item: { room: 'r1' }, resumed: false },
        { item: { room: 'r2' }, resumed: false },
      ]);
      expect(await store.jobs.startItem(job.id, 'a', 1)).toMatchObject({ item: { room: 'r3' } });
      expect(await store.jobs.startItem(job.id, 'a', 2)).toBe('none_left');
    });

    it('renews a held lease so no one else can claim it, and releases it for an immediate takeover', async () => {
      const store = await open();
      const job = await store.jobs.create(newJob());
      await store.jobs.claim('a', at(0), LEASE, GRACE);
      expect(await store.jobs.renew(job.id, 'a', at(20_000), LEASE)).toBe(true);
      expect((await store.jobs.claim('b', at(LEASE + 1), LEASE, GRACE)).job).toBeUndefined();
      await store.jobs.release(job.id, 'a');
      expect((await store.jobs.claim('b', at(LEASE + 2), LEASE, GRACE)).job?.leaseOwner).toBe('b');
    });

    it('cancels a scheduled job at once and a running one before its next item', async () => {
      const store = await open();
      const waiting = await store.jobs.create(newJob({ runAt: at(60_000) }));
      expect((await store.jobs.cancel(waiting.id, at(1)))?.state).toBe('cancelled');
      expect((await store.jobs.claim('a', at(60_000), LEASE, GRACE)).job).toBeUndefined();

      const running = await store.jobs.create(newJob());
      await store.jobs.claim('a', at(0), LEASE, GRACE);
      await store.jobs.startItem(running.id, 'a');
      const asked = await store.jobs.cancel(running.id, at(10));
      expect(asked).toMatchObject({ state: 'running', cancelRequested: true });
      // The item in flight still finishes and counts.
      expect(await store.jobs.finishItem(running.id, 'a', 0, { ok: true }, at(20))).toBe(true);
      expect(await store.jobs.startItem(running.id, 'a')).toBe('cancel_requested');
      expect(await store.jobs.finish(running.id, 'a', 'cancelled', at(30))).toMatchObject({
        state: 'cancelled',
        done: 1,
      });
      expect(await store.jobs.cancel('j_nope', at(40))).toBeUndefined();
    });

    it("replaces a scheduled job's invocation (what a grace delete muted), and not once it has started", async () => {
      const store = await open();
      const waiting = await store.jobs.create(newJob({ runAt: at(60_000) }));
      const recorded = { ...(newJob().invocation as object), grace: { muted: ['r1'], mutedBefore: ['r2'] } };
      expect(await store.jobs.setInvocation(waiting.id, recorded)).toBe(true);
      expect((await store.jobs.get(waiting.id))?.invocation).toEqual(recorded);

      const running = await store.jobs.create(newJob());
      await store.jobs.claim('a', at(0), LEASE, GRACE);
      expect(await store.jobs.setInvocation(running.id, recorded)).toBe(false);
      expect((await store.jobs.get(running.id))?.invocation).toEqual(newJob().invocation);
      expect(await store.jobs.setInvocation('j_nope', recorded)).toBe(false);
    });

    it('marks a job missed when it is found later than the grace, and runs one within it', async () => {
      const store = await open();
      const late = await store.jobs.create(newJob({ runAt: at(0) }));
      const onTime = await store.jobs.create(newJob({ runAt: at(GRACE) }));
      const { job, missed } = await store.jobs.claim('a', at(GRACE + 1), LEASE, GRACE);
      expect(missed.map((j) => [j.id, j.state])).toEqual([[late.id, 'missed']]);
      expect(job?.id).toBe(onTime.id);
    });

    it('counts jobs by state and lists them newest first, by account and state', async () => {
      const store = await open();
      const a = await store.jobs.create(newJob({ createdAt: at(1) }));
      const b = await store.jobs.create(newJob({ createdAt: at(2), account: 'rong-prod' }));
      await store.jobs.create(newJob({ createdAt: at(3), runAt: at(60_000) }));
      await store.jobs.claim('a', at(10), LEASE, GRACE);
      expect(await store.jobs.countJobsByState()).toEqual({
        scheduled: 2,
        running: 1,
        done: 0,
        failed: 0,
        cancelled: 0,
        missed: 0,
      });
      expect((await store.jobs.list({})).length).toBe(3);
      expect((await store.jobs.list({ account: 'rong-prod' })).map((j) => j.id)).toEqual([b.id]);
      expect((await store.jobs.list({ state: 'running' })).map((j) => j.id)).toEqual([a.id]);
      expect((await store.jobs.list({ limit: 1 })).length).toBe(1);
    });
  });
}
