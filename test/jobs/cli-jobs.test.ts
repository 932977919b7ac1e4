/**
 * Bulk jobs through the real `roomops` process: the plan shown before
 * anything runs, `--yes` waiting for the job and printing only the final
 * object, a selector matching nothing, `jobs` list / detail / cancel, a
 * cancel mid-run, and a 1,000-item job.
 */
import { describe, expect, it } from 'vitest';
import { parseJson, roomops } from '../cli/helpers.js';
import { type JobRig, jobRigPerTest, sqliteStoreUrl, until } from './harness.js';

const rigs = jobRigPerTest();

describe('bulk commands from the CLI', () => {
  it('shows the plan and sends nothing without --yes', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 12, rateLimit: 4 });
    const result = await rig.run('delete agora match=test-* older=7d', '--json');
    expect(result.code).toBe(3);
    const json = parseJson(result);
    expect(json.error.code).toBe('not_confirmed');
    expect(json.error.message).toContain('on 12 rooms of agora selected by match=test-*');
    // The first 10 rooms as the vendor lists them (newest first), how many more, the time at the account's rateLimit.
    expect(json.error.message).toContain('older=7d');
    expect(json.error.message).toContain('(test-0011)');
    expect(json.error.message).toContain('(test-0002)');
    expect(json.error.message).not.toContain('(test-0001)');
    expect(json.error.message).toContain('and 2 more');
    expect(json.error.message).toContain('Estimated time: 3s at 4 requests/s');
    expect(rig.deletesPerRoom().size).toBe(0);
  });

  it('answers a selector that matches nothing without creating a job', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 2, rateLimit: 50 });
    const result = await rig.run('delete agora match=nothing-*', '--yes', '--json');
    expect(result.code).toBe(0);
    expect(parseJson(result)).toMatchObject({ ok: true, result: { job: null, rooms: [] } });
    const listed = await rig.run('jobs', '--json');
    expect(parseJson(listed).result.jobs).toEqual([]);
    expect(rig.deletesPerRoom().size).toBe(0);
  });

  it('refuses a selector on an action without rooms, and a malformed duration, naming the field', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 1, rateLimit: 50 });
    const onList = parseJson(await rig.run('list agora match=x', '--json'));
    expect(onList.error).toMatchObject({ code: 'invalid_input', field: 'match' });
    const badAge = parseJson(await rig.run('delete agora older=soon', '--yes', '--json'));
    expect(badAge.error).toMatchObject({ code: 'invalid_input', field: 'older' });
    expect(badAge.error.message).toContain('90s, 15m, 2h or 7d');
  });

  it('waits with --yes and prints only the final job, every item with its outcome', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 5, rateLimit: 50 });
    const result = await rig.run('delete agora match=test-000[0-9]* empty=true', '--yes', '--json');
    // `[` is literal in a glob here: nothing matches that name.
    expect(parseJson(result).result.job).toBeNull();
    const run = await rig.run('delete agora match=test-* empty=true', '--yes', '--json');
    expect(run.code, run.stderr).toBe(0);
    const job = parseJson(run).result.job;
    expect(job).toMatchObject({
      state: 'done',
      action: 'delete',
      account: 'agora',
      total: 5,
      done: 5,
      failed: 0,
    });
    expect(job.items.map((i: { state: string }) => i.state)).toEqual(Array(5).fill('done'));
    expect(rig.deletesPerRoom().size).toBe(5);
    const detail = parseJson(await rig.run(`jobs ${job.id}`, '--json'));
    expect(detail.result.job).toMatchObject({ id: job.id, state: 'done', done: 5 });
    const table = await rig.run('jobs agora');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Runs at');
    const row = table.stdout.split('\n').find((line) => line.includes(job.id)) ?? '';
    expect(row).toMatch(/done.*delete.*agora/);
    const one = await rig.run(`jobs ${job.id}`);
    expect(one.stdout).toContain('5 / 0 / 0 of 5');
    const missing = await rig.run('jobs j_doesNotExist', '--json');
    expect(missing.code).toBe(2);
    expect(parseJson(missing).error.code).toBe('job_not_found');
  });

  it('cancels a running job before its next item; done rooms stay deleted, the rest stay', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 40, rateLimit: 5 });
    const created = parseJson(await rig.run('delete agora match=test-*', '--yes', '--no-wait', '--json'));
    const id = created.result.job.id as string;
    const store = await rigs.openStore(rig.storeUrl);
    await rig.worker();
    await until('a few rooms deleted', 20_000, async () =>
      (await store!.jobs.get(id))!.done >= 3 ? true : undefined,
    );
    const cancel = await rig.run(`jobs cancel ${id}`, '--json');
    expect(cancel.code, cancel.stderr).toBe(0);
    // Cancelled, and the item that was in flight at the click finished and recorded (it runs to its end).
    const ended = await until('the job to stop', 20_000, async () => {
      if ((await store!.jobs.items(id, { state: 'running' })).length > 0) return undefined;
      const job = await store!.jobs.get(id);
      return job?.state === 'cancelled' ? job : undefined;
    });
    expect(ended.done).toBeGreaterThanOrEqual(3);
    expect(ended.done).toBeLessThan(40);
    const left = [...rig.agora.rooms.values()].filter((r) => r.name.startsWith('test-')).length;
    expect(left).toBe(40 - ended.done);
    expect(rig.deletesPerRoom().size).toBe(ended.done);
    const audit = await store.audit.query({ limit: 50 });
    expect(audit.some((e) => e.action === 'jobs' && e.outcome === 'ok' && e.detail?.includes(id))).toBe(true);
    expect(audit.some((e) => e.outcome === 'cancelled' && e.detail?.startsWith(`job ${id} cancelled`))).toBe(
      true,
    );
    const listed = parseJson(await rig.run('jobs agora state=cancelled', '--json'));
    expect(listed.result.jobs.map((j: { id: string }) => j.id)).toEqual([id]);
  }, 60_000);

  it('shows the plan in the shell before asking, and runs the job before a piped shell exits', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 3, rateLimit: 50 });
    const shell = await roomops(['shell'], {
      cwd: rig.dir,
      env: rig.env,
      input: 'delete agora match=test-* older=1d\nyes\n',
    });
    expect(shell.code, shell.stderr).toBe(0);
    const [plan, ask] = shell.stdout.split('\n');
    expect(plan).toContain('on 3 rooms of agora selected by match=test-*, older=1d: ');
    expect(plan).toContain('(test-0000)');
    expect(ask).toBe('Type yes to go ahead:');
    expect(shell.stdout).toMatch(/Job j_\S+ started/);
    const store = await rigs.openStore(rig.storeUrl);
    const [job] = await store.jobs.list({});
    expect(job).toMatchObject({ state: 'done', done: 3 });
    expect(testRoomsLeft(rig)).toBe(0);
    expect(rig.deletesPerRoom().size).toBe(3);
  }, 60_000);

  it('runs a 1,000-item job to the end', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 1000, rateLimit: 2000 });
    const run = await rig.run('delete agora match=test-*', '--yes', '--json');
    expect(run.code, run.stderr).toBe(0);
    const job = parseJson(run).result.job;
    expect(job).toMatchObject({ state: 'done', total: 1000, done: 1000, failed: 0 });
    expect(job.items).toHaveLength(1000);
    const deletes = rig.deletesPerRoom();
    expect(deletes.size).toBe(1000);
    expect([...deletes.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});

function testRoomsLeft(r: JobRig): number {
  return [...r.agora.rooms.values()].filter((room) => room.name.startsWith('test-')).length;
}
