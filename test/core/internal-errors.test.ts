/**
 * `internal` errors show a short message and an error id; the raw exception
 * goes to the log only, under the same id (DESIGN.md "Nothing lost after the
 * vendor acted"). Provoked for real: the store's database is closed under the
 * engine, so better-sqlite3 throws its own TypeError.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Place, Principal } from '../../src/core/types.js';
import { type SandboxRuntime, startSandboxRuntime } from '../../src/app/sandbox-runtime.js';

const ADMIN: Principal = { platform: 'slack', id: 'slack:UADMIN', displayName: 'ada', groups: [] };
const CHANNEL: Place = { platform: 'slack', channel: 'slack:C0OPS' };
const ACCESS = { default: 'none', roles: { admin: ['*'] }, users: { 'slack:UADMIN': 'admin' } };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- log lines are arbitrary JSON.
let logged: Record<string, any>[];
let runtime: SandboxRuntime;
beforeEach(async () => {
  logged = [];
  const logger = pino(
    { level: 'info', base: undefined },
    { write: (line: string) => logged.push(JSON.parse(line)) },
  );
  runtime = await startSandboxRuntime({ access: ACCESS, logger });
});
afterEach(async () => runtime?.close());

describe('internal errors', () => {
  it('a confirmation the store cannot keep: a short message and an error id, the exception in the log', async () => {
    await runtime.store.close();
    const outcome = await runtime.engine.handle({
      principal: ADMIN,
      place: CHANNEL,
      text: 'delete rong lobby',
    });
    expect(outcome.type).toBe('error');
    if (outcome.type !== 'error') return;
    expect(outcome.error.code).toBe('internal');
    const match =
      /^Something went wrong inside RoomOps; the details are in the log\. \(error id ([0-9a-f]{8})\)$/.exec(
        outcome.error.message,
      );
    expect(match).not.toBeNull();
    const line = logged.find((l) => l.event === 'internal_error');
    expect(line?.errorId).toBe(match![1]);
    // The driver's own words are in the log, not in the answer.
    expect(String(line?.err?.message)).toMatch(/database connection is not open/);
    expect(outcome.error.message).not.toMatch(/database|connection/);
    expect(runtime.emulators.rongcloud.rooms.has('lobby')).toBe(true);
  });

  it('a click the store cannot record: a failed decision with an error id, nothing run', async () => {
    const prompt = await runtime.engine.handle({
      principal: ADMIN,
      place: CHANNEL,
      text: 'delete rong lobby',
    });
    expect(prompt.type).toBe('confirm');
    if (prompt.type !== 'confirm') return;
    await runtime.store.close();
    const decision = await runtime.engine.decide({
      pendingId: prompt.pending.id,
      decision: 'approved',
      principal: ADMIN,
      place: CHANNEL,
    });
    expect(decision.type).toBe('failed');
    if (decision.type !== 'failed') return;
    expect(decision.error.message).toMatch(/\(error id [0-9a-f]{8}\)$/);
    expect(decision.error.message).not.toMatch(/database|connection/);
    expect(logged.some((l) => l.event === 'internal_error' && l.errorId === decision.error.errorId)).toBe(
      true,
    );
    expect(runtime.emulators.rongcloud.rooms.has('lobby')).toBe(true);
  });
});
