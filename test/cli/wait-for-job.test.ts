/**
 * `roomops run "<scheduled command>" --yes` waits for its job. Waiting for
 * the job's time is not a stall: only a started job that stops moving is
 * reported as stuck (the stall limit is shortened here; it is 5 minutes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultOutcome } from '../../src/core/outcome.js';
import type { Principal } from '../../src/core/types.js';
import { type SandboxRuntime, startSandboxRuntime } from '../../src/app/sandbox-runtime.js';
import { waitForJob } from '../../src/cli/wait-for-job.js';

const SHELL: Principal = { platform: 'shell', id: 'shell:tester', displayName: 'tester', groups: [] };
let runtime: SandboxRuntime;

beforeAll(async () => {
  runtime = await startSandboxRuntime({ jobPollMs: 50 });
});
afterAll(async () => {
  await runtime?.close();
});

async function scheduled(text: string): Promise<{ created: ResultOutcome; jobId: string }> {
  const created = await runtime.engine.handle({
    principal: SHELL,
    place: { platform: 'shell' },
    text,
    preconfirmed: true,
  });
  if (created.type !== 'result') throw new Error(`not scheduled: ${JSON.stringify(created)}`);
  return { created, jobId: (created.result.job as { id: string }).id };
}

describe('waiting for a job', () => {
  it('waits past the stall limit for a job whose time has not come, then reports how it ended', async () => {
    const { created, jobId } = await scheduled('mute rong lobby on in=2s');
    const outcome = await waitForJob(runtime, created, jobId, { stallMs: 300 });
    expect(outcome.type).toBe('result');
    expect((await runtime.store.jobs.get(jobId))?.state).toBe('done');
    expect(runtime.emulators.rongcloud.rooms.get('lobby')?.ban).toBe(true);
  });

  it('reports a started job that makes no progress, and leaves it queued', async () => {
    const { created, jobId } = await scheduled('mute rong lobby off in=1s');
    await runtime.jobRunner.stop();
    // Leased by a process that then hung: running, and nobody moves it.
    const claimed = await runtime.store.jobs.claim(
      'hung-process',
      new Date(Date.now() + 2_000),
      60_000,
      3_600_000,
    );
    expect(claimed.job?.id).toBe(jobId);
    const idle = { start() {}, poke() {} } as unknown as SandboxRuntime['jobRunner'];
    const outcome = await waitForJob({ ...runtime, jobRunner: idle }, created, jobId, { stallMs: 300 });
    expect(outcome).toMatchObject({ type: 'error', error: { code: 'vendor_timeout' } });
    expect((await runtime.store.jobs.get(jobId))?.state).toBe('running');
  });
});
