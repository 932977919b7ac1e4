/**
 * Exactly-once and resume across OS processes (DESIGN.md "Durable jobs"), on
 * SQLite and on PostgreSQL: a bulk delete created by `roomops run --no-wait`
 * is run by two `roomops worker` processes; the one holding the lease is
 * SIGKILLed mid-job; the other resumes from the first unfinished item. Every
 * room is deleted by exactly one DELETE request, and an item the dead process
 * had in flight — which the vendor had already done — is settled by a read,
 * not sent again.
 */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/store/job-types.js';
import { parseJson } from '../cli/helpers.js';
import { jobRigPerTest, STORE_BACKENDS, until } from './harness.js';

const ROOMS = 120;

describe.each(STORE_BACKENDS)('durable jobs across processes ($name)', ({ url, skip }) => {
  const rigs = jobRigPerTest();

  it.skipIf(skip)(
    'resumes after the leaseholder is SIGKILLed mid-job, and deletes every room exactly once',
    async () => {
      const rig = await rigs.start({ storeUrl: await url(), rooms: ROOMS, rateLimit: 40 });
      const created = await rig.run('delete agora match=test-*', '--yes', '--no-wait', '--json');
      expect(created.code, created.stderr).toBe(0);
      const jobId = parseJson(created).result.job.id as string;
      expect(parseJson(created).result.job).toMatchObject({ state: 'scheduled', total: ROOMS, done: 0 });
      const store = await rigs.openStore(rig.storeUrl);
      const jobs = store.jobs;

      const [a, b] = await Promise.all([rig.worker(), rig.worker()]);
      const running = await until('some rooms deleted', 30_000, async () => {
        const job = await jobs.get(jobId);
        return job && job.done >= 15 ? job : undefined;
      });
      const holder = [a, b].find((w) => running.leaseOwner?.includes(`:${w.pid}:`));
      expect(holder, `lease owner ${running.leaseOwner}`).toBeDefined();
      const survivor = holder === a ? b : a;
      await holder!.stop('SIGKILL');
      const doneAtKill = (await jobs.get(jobId))!.done;
      expect(doneAtKill).toBeLessThan(ROOMS);

      const finished = await until('the job to finish', 60_000, async () => {
        const job = await jobs.get(jobId);
        return job && ['done', 'failed'].includes(job.state) ? job : undefined;
      });
      expect(finished).toMatchObject({ state: 'done', done: ROOMS, failed: 0 });
      expect(finished.leaseOwner).toBeUndefined();

      const deletes = rig.deletesPerRoom();
      const testRooms = [...rig.agora.rooms.values()].filter((r) => r.name.startsWith('test-'));
      expect(testRooms).toEqual([]);
      expect(deletes.size).toBe(ROOMS);
      expect([...deletes.values()].every((n) => n === 1)).toBe(true);

      const items = await jobs.items(jobId);
      expect(items.every((i) => i.state === 'done')).toBe(true);
      // Only items in flight at the kill were started twice: at most 2 at rateLimit 40 (see concurrencyFor).
      expect(items.filter((i) => i.attempts > 1).length).toBeLessThanOrEqual(2);
      expect(survivor.child.exitCode).toBeNull();

      const audit = await store.audit.query({ action: 'delete' });
      expect(audit.some((e) => e.detail?.startsWith(`job ${jobId} done: ${ROOMS} done`))).toBe(true);
      expect(audit.some((e) => e.detail?.startsWith(`job ${jobId} created`))).toBe(true);

      const shown = await rig.run(`jobs ${jobId}`, '--json');
      expect(shown.code).toBe(0);
      expect(parseJson(shown).result.job).toMatchObject({
        id: jobId,
        state: 'done',
        total: ROOMS,
        done: ROOMS,
      });
      expect(parseJson(shown).result.job.items).toHaveLength(ROOMS);
    },
    120_000,
  );

  it.skipIf(skip)(
    're-checks an item that was in flight when its process died, and does not send the delete again',
    async () => {
      const rig = await rigs.start({ storeUrl: await url(), rooms: 3, rateLimit: 50 });
      const store = await rigs.openStore(rig.storeUrl);
      const ids = [...rig.agora.rooms.values()].filter((r) => r.name.startsWith('test-')).map((r) => r.id);
      const twoMinutesAgo = new Date(Date.now() - 120_000);
      const job: Job = await store.jobs.create({
        id: 'j_inflight_test',
        createdAt: twoMinutesAgo,
        runAt: twoMinutesAgo,
        account: 'agora',
        action: 'delete',
        kind: 'destructive',
        requester: 'shell:tester',
        approver: 'shell:tester',
        platform: 'shell',
        invocation: {
          perRoom: true,
          raw: {
            action: 'delete',
            positionals: ['agora'],
            options: {},
            flags: [],
            text: 'delete agora match=test-*',
          },
        },
        description: 'delete on 3 rooms',
        rooms: ids,
      });
      // A process that died after sending the first delete: the vendor acted, the store never heard.
      await store.jobs.claim('dead-process', new Date(Date.now() - 60_000), 1_000, 3_600_000);
      const inFlight = await store.jobs.startItem(job.id, 'dead-process');
      expect(inFlight).toMatchObject({ item: { room: ids[0] } });
      rig.agora.rooms.delete(ids[0]!);

      const worker = await rig.worker();
      const finished = await until('the job to finish', 30_000, async () => {
        const current = await store!.jobs.get(job.id);
        return current && current.state !== 'running' && current.state !== 'scheduled' ? current : undefined;
      });
      expect(finished).toMatchObject({ state: 'done', done: 3, failed: 0 });
      const deletes = rig.deletesPerRoom();
      expect(deletes.get(ids[0]!)).toBeUndefined();
      expect(deletes.get(ids[1]!)).toBe(1);
      expect(deletes.get(ids[2]!)).toBe(1);
      const items = await store.jobs.items(job.id);
      expect(items.map((i) => [i.room, i.state, i.attempts])).toEqual([
        [ids[0], 'done', 2],
        [ids[1], 'done', 1],
        [ids[2], 'done', 1],
      ]);
      expect(await worker.stop('SIGTERM')).toBe(0);
    },
    60_000,
  );
});
