/**
 * Delete with a grace period (DESIGN.md "Delete with a grace period"): the
 * rooms are muted at once, the deletion is a scheduled job, and undoing it
 * (`jobs cancel`) before it runs cancels it and unmutes; `grace=` or the
 * account's `deleteGraceMinutes`, `grace=0` deleting at once.
 */
import { describe, expect, it } from 'vitest';
import { parseJson } from '../cli/helpers.js';
import { type JobRig, jobRigPerTest, sqliteStoreUrl, until } from './harness.js';

const rigs = jobRigPerTest();
const testRooms = (r: JobRig) => [...r.agora.rooms.values()].filter((room) => room.name.startsWith('test-'));

describe('delete with a grace period', () => {
  it('says exactly what happens when, before anything is sent', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 1, rateLimit: 50 });
    const [room] = testRooms(rig);
    const asked = parseJson(await rig.run(`delete agora ${room!.id} grace=15m`, '--json'));
    expect(asked.error.code).toBe('not_confirmed');
    expect(asked.error.message).toMatch(
      /Everyone is muted at once; the deletion runs at \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? UTC unless undone before then\./,
    );
    expect(room!.mute).toBe(false);
    const bad = parseJson(await rig.run(`delete agora ${room!.id} grace=soon`, '--yes', '--json'));
    expect(bad.error).toMatchObject({ code: 'invalid_input', field: 'grace' });
  });

  it('mutes at once and deletes when the grace period is over', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 1, rateLimit: 50 });
    const [room] = testRooms(rig);
    const created = await rig.run(`delete agora ${room!.id} grace=2s`, '--yes', '--no-wait', '--json');
    expect(created.code, created.stderr).toBe(0);
    const job = parseJson(created).result.job;
    expect(job.state).toBe('scheduled');
    expect(room!.mute).toBe(true);
    expect(rig.agora.rooms.has(room!.id)).toBe(true);
    const store = await rigs.openStore(rig.storeUrl);
    await rig.worker();
    await until('the deletion', 20_000, async () =>
      (await store!.jobs.get(job.id))?.state === 'done' ? true : undefined,
    );
    expect(rig.agora.rooms.has(room!.id)).toBe(false);
    expect(rig.deletesPerRoom().get(room!.id)).toBe(1);
  }, 40_000);

  it('undoes before it runs: the job is cancelled, the room unmuted and kept', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 1, rateLimit: 50 });
    const [room] = testRooms(rig);
    const job = parseJson(await rig.run(`delete agora ${room!.id} grace=1h`, '--yes', '--no-wait', '--json'))
      .result.job;
    expect(room!.mute).toBe(true);
    const undo = await rig.run(`jobs cancel ${job.id}`, '--json');
    expect(undo.code, undo.stderr).toBe(0);
    expect(parseJson(undo).result.job.state).toBe('cancelled');
    expect(room!.mute).toBe(false);
    expect(rig.agora.rooms.has(room!.id)).toBe(true);
    const text = await rig.run(`jobs ${job.id}`);
    expect(text.stdout).toContain('cancelled');
    expect(rig.deletesPerRoom().size).toBe(0);
  }, 40_000);

  it("uses the account's deleteGraceMinutes, and grace=0 deletes at once", async () => {
    const rig = await rigs.start({
      storeUrl: sqliteStoreUrl(),
      rooms: 2,
      rateLimit: 50,
      accountConfig: '    deleteGraceMinutes: 30\n',
    });
    const [first, second] = testRooms(rig);
    const before = Date.now();
    const deferred = parseJson(await rig.run(`delete agora ${first!.id}`, '--yes', '--no-wait', '--json'))
      .result.job;
    expect(Date.parse(deferred.runAt) - before).toBeGreaterThanOrEqual(30 * 60_000 - 1_000);
    expect(first!.mute).toBe(true);
    const now = parseJson(await rig.run(`delete agora ${second!.id} grace=0`, '--yes', '--json'));
    expect(now.result.deleted).toEqual([second!.id]);
    expect(rig.agora.rooms.has(second!.id)).toBe(false);
  }, 40_000);
});
