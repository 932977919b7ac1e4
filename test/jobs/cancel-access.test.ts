/**
 * `jobs cancel` from chat (DESIGN.md "jobs"): the requester may cancel their
 * own job, and so may whoever may run its kind on its account; anyone else
 * is refused and the job keeps its time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/core/outcome.js';
import type { Principal } from '../../src/core/types.js';
import { type SandboxRuntime, startSandboxRuntime } from '../../src/app/sandbox-runtime.js';
import { SLACK_PLACE, slackPerson } from './harness.js';

const person = slackPerson;
const place = SLACK_PLACE;
let runtime: SandboxRuntime;

beforeAll(async () => {
  runtime = await startSandboxRuntime({
    access: {
      default: 'none',
      roles: { admin: ['*'], operator: ['read', 'write'] },
      users: { 'slack:UREQ': 'operator', 'slack:UADMIN': 'admin', 'slack:UOPS': 'operator' },
    },
    storeUrl: `sqlite:${join(mkdtempSync(join(tmpdir(), 'roomops-cancel-')), 'engine.sqlite')}`,
  });
});
afterAll(async () => {
  await runtime?.close();
});

async function scheduledJob(requester: Principal): Promise<string> {
  // A write (unmute) scheduled by an operator, runs without a confirmation.
  const created = await runtime.engine.handle({
    principal: requester,
    place,
    text: 'mute rong lobby off in=1h',
  });
  if (created.type !== 'result') throw new Error(`not scheduled: ${JSON.stringify(created)}`);
  return (created.result.job as { id: string }).id;
}

const cancel = (who: Principal, id: string): Promise<Outcome> =>
  runtime.engine.handle({ principal: who, place, text: `jobs cancel ${id}` });

describe('jobs cancel from chat', () => {
  it('lets the requester cancel their own job', async () => {
    const id = await scheduledJob(person('UREQ'));
    const outcome = await cancel(person('UREQ'), id);
    expect(outcome.type).toBe('result');
    expect((await runtime.store.jobs.get(id))?.state).toBe('cancelled');
  });

  it("refuses someone else's destructive job to a person who may not run destructive work, and keeps it", async () => {
    const asked = await runtime.engine.handle({
      principal: person('UADMIN'),
      place,
      text: 'mute rong lobby on in=1h',
    });
    expect(asked.type).toBe('confirm');
    if (asked.type !== 'confirm') return;
    const decided = await runtime.engine.decide({
      pendingId: asked.pending.id,
      decision: 'approved',
      principal: person('UADMIN'),
      place,
    });
    if (decided.type !== 'decided' || decided.outcome?.type !== 'result') throw new Error('not scheduled');
    const id = (decided.outcome.result.job as { id: string }).id;
    const refused = await cancel(person('UOPS'), id);
    expect(refused).toMatchObject({ type: 'error', error: { code: 'denied' } });
    expect((await runtime.store.jobs.get(id))?.state).toBe('scheduled');
    const byAdmin = await cancel(person('UADMIN'), id);
    expect(byAdmin.type).toBe('result');
    expect((await runtime.store.jobs.get(id))?.state).toBe('cancelled');
  });

  it('lets a person who may run the kind cancel a write job someone else scheduled', async () => {
    const id = await scheduledJob(person('UREQ'));
    expect((await cancel(person('UOPS'), id)).type).toBe('result');
    expect((await runtime.store.jobs.get(id))?.state).toBe('cancelled');
  });
});
