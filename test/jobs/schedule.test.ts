/**
 * Scheduled commands (`at=` / `in=`): confirmed now, run then, exactly once
 * across two worker processes; a job nobody ran in time is `missed`; a
 * chat approval schedules exactly what the prompt said, as the approver;
 * reads and past times are refused naming the field.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandboxRuntime } from '../../src/app/sandbox-runtime.js';
import { parseJson } from '../cli/helpers.js';
import { jobRigPerTest, SLACK_PLACE, slackPerson, sqliteStoreUrl, until } from './harness.js';

const rigs = jobRigPerTest();

describe('scheduled commands', () => {
  it('runs a scheduled delete once, at its time, across two workers, and says the time in UTC', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 2, rateLimit: 50 });
    const [target] = [...rig.agora.rooms.values()].filter((r) => r.name.startsWith('test-'));
    const before = Date.now();
    const created = await rig.run(`delete agora ${target!.id} in=3s`, '--yes', '--no-wait', '--json');
    expect(created.code, created.stderr).toBe(0);
    const job = parseJson(created).result.job;
    expect(job.state).toBe('scheduled');
    const runAt = Date.parse(job.runAt);
    expect(runAt).toBeGreaterThanOrEqual(before + 3_000);
    expect(job.description).toMatch(/^At \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? UTC: Delete room /);
    const listed = parseJson(await rig.run('jobs state=scheduled', '--json'));
    expect(listed.result.jobs.map((j: { id: string }) => j.id)).toEqual([job.id]);

    const store = await rigs.openStore(rig.storeUrl);
    await Promise.all([rig.worker(), rig.worker()]);
    const ended = await until('the scheduled job to run', 20_000, async () => {
      const current = await store!.jobs.get(job.id);
      return current?.state === 'done' ? current : undefined;
    });
    expect(ended.startedAt!.getTime()).toBeGreaterThanOrEqual(runAt);
    expect(rig.deletesPerRoom().get(target!.id)).toBe(1);
    expect(rig.agora.rooms.has(target!.id)).toBe(false);
    const detail = parseJson(await rig.run(`jobs ${job.id}`, '--json'));
    expect(detail.result.job.items).toEqual([{ id: target!.id, state: 'done' }]);
  }, 60_000);

  it('marks a job missed when no process ran it within scheduleGraceMinutes, and runs nothing', async () => {
    const rig = await rigs.start({
      storeUrl: sqliteStoreUrl(),
      rooms: 1,
      rateLimit: 50,
      extraConfig: 'scheduleGraceMinutes: 0.02\n',
    });
    const [target] = [...rig.agora.rooms.values()].filter((r) => r.name.startsWith('test-'));
    const created = parseJson(
      await rig.run(`delete agora ${target!.id} in=1s`, '--yes', '--no-wait', '--json'),
    );
    // Due in 1 s, late after 1.2 s more: nothing runs until 4 s have passed.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const store = await rigs.openStore(rig.storeUrl);
    await rig.worker();
    const ended = await until('the job to be marked missed', 20_000, async () => {
      const current = await store!.jobs.get(created.result.job.id);
      return current?.state === 'missed' ? current : undefined;
    });
    expect(ended.done).toBe(0);
    expect(rig.deletesPerRoom().size).toBe(0);
    expect(rig.agora.rooms.has(target!.id)).toBe(true);
    const audit = await store.audit.query({ action: 'delete' });
    expect(
      audit.some((e) => e.outcome === 'cancelled' && e.detail?.startsWith(`job ${ended.id} missed`)),
    ).toBe(true);
  }, 60_000);

  it('refuses to schedule a read, a past time, and a malformed one, naming the field', async () => {
    const rig = await rigs.start({ storeUrl: sqliteStoreUrl(), rooms: 1, rateLimit: 50 });
    const read = parseJson(await rig.run('list agora in=2h', '--json'));
    expect(read.error).toMatchObject({ code: 'invalid_input', field: 'in' });
    const past = parseJson(await rig.run('delete agora 1 at=2020-01-01T00:00:00Z', '--yes', '--json'));
    expect(past.error).toMatchObject({ code: 'invalid_input', field: 'at' });
    expect(past.error.message).toContain('has passed');
    const bad = parseJson(await rig.run('delete agora 1 at=tomorrow', '--yes', '--json'));
    expect(bad.error).toMatchObject({ code: 'invalid_input', field: 'at' });
    expect(bad.error.message).toContain('HH:MM in UTC');
    expect(rig.deletesPerRoom().size).toBe(0);
  }, 30_000);
});

describe('a scheduled command confirmed in chat', () => {
  it('is confirmed now with its UTC time in the prompt, and the job runs as the approver at that time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roomops-sched-engine-'));
    const runtime = await startSandboxRuntime({
      access: {
        default: 'none',
        roles: { admin: ['*'] },
        users: { 'slack:UREQ': 'admin', 'slack:UAPP': 'admin' },
      },
      storeUrl: `sqlite:${join(dir, 'engine.sqlite')}`,
      jobPollMs: 50,
    });
    try {
      const person = slackPerson;
      const place = SLACK_PLACE;
      const asked = await runtime.engine.handle({
        principal: person('UREQ'),
        place,
        text: 'mute rong lobby on in=2s',
      });
      expect(asked.type).toBe('confirm');
      if (asked.type !== 'confirm') return;
      expect(asked.pending.description).toMatch(/^At \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? UTC: /);
      const decided = await runtime.engine.decide({
        pendingId: asked.pending.id,
        decision: 'approved',
        principal: person('UAPP'),
        place,
      });
      expect(decided.type).toBe('decided');
      if (decided.type !== 'decided' || decided.outcome?.type !== 'result') throw new Error('not scheduled');
      const job = decided.outcome.result.job as { id: string; state: string; runAt: string };
      expect(job.state).toBe('scheduled');
      expect(runtime.emulators.rongcloud.rooms.get('lobby')?.ban).toBe(false);
      runtime.jobRunner.start();
      const ended = await until('the job to run', 15_000, async () => {
        const current = await runtime.store.jobs.get(job.id);
        return current?.state === 'done' ? current : undefined;
      });
      expect(ended).toMatchObject({ approver: 'slack:UAPP', requester: 'slack:UREQ', done: 1 });
      expect(ended.startedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(job.runAt));
      expect(runtime.emulators.rongcloud.rooms.get('lobby')?.ban).toBe(true);
    } finally {
      await runtime.close();
    }
  }, 30_000);
});
