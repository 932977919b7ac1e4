/**
 * SIGTERM on a real `roomops` process (DESIGN.md "Operations"): readiness
 * turns 503 at once, a command already acknowledged is still answered,
 * requests arriving during the drain are handled, and the process exits 0;
 * the drain never outlasts ROOMOPS_SHUTDOWN_TIMEOUT_S.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxEmulators, startSandboxEmulators } from '../../src/sandbox/sandbox-emulators.js';
import { FakeSlack } from '../fakes/slack/index.js';
import { APP_TOKEN, BOT_TOKEN, ServedRoomops, shown } from './served-process.js';

let emulators: SandboxEmulators;
let fake: FakeSlack;

beforeAll(async () => {
  emulators = await startSandboxEmulators();
  fake = new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
  await fake.start();
});

afterAll(async () => {
  await fake?.stop();
  await emulators?.stop();
});

describe('SIGTERM', () => {
  it('answers the command in flight, serves requests arriving meanwhile, reports 503 on /readyz, exits 0', async () => {
    const served = await ServedRoomops.start({ emulators, fake, env: { ROOMOPS_SHUTDOWN_TIMEOUT_S: '15' } });
    try {
      emulators.watchers.server.injectFault({ kind: 'delay', delayMs: 2_500, path: '/', count: 1 });
      const slow = await served.command('info watch concert-live');
      expect(slow.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const signalled = Date.now();
      served.child.kill('SIGTERM');

      await expect
        .poll(async () => (await served.get('/readyz')).status, { timeout: 2_000, interval: 20 })
        .toBe(503);
      expect((await served.get('/readyz')).text).toContain('shutting down');
      expect((await served.get('/livez')).status).toBe(200);

      // Still serving while the slow call runs: a new command is acknowledged and answered.
      const late = await served.command('list agora');
      expect(late.status).toBe(200);
      const [lateAnswer] = await fake.waitForPosts(1, late.responseUrl, 5_000);
      expect(shown(lateAnswer!.body)).toContain('Town hall');

      expect(await served.exit).toBe(0);
      expect(Date.now() - signalled).toBeGreaterThan(1_500);
      const [answer] = fake.postsTo(slow.responseUrl);
      expect(answer?.status).toBe(200);
      expect(shown(answer!.body)).toContain('concert-live');
      expect(served.stderr).toContain('Draining');
      expect(served.stderr).not.toContain('Shutdown timeout reached');
    } finally {
      await served.close();
    }
  }, 40_000);

  it('gives up on work still in flight at ROOMOPS_SHUTDOWN_TIMEOUT_S and still exits 0', async () => {
    const served = await ServedRoomops.start({ emulators, fake, env: { ROOMOPS_SHUTDOWN_TIMEOUT_S: '1' } });
    try {
      emulators.watchers.server.injectFault({ kind: 'delay', delayMs: 8_000, path: '/', count: 1 });
      const slow = await served.command('info watch concert-live');
      expect(slow.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const signalled = Date.now();
      served.child.kill('SIGTERM');
      expect(await served.exit).toBe(0);
      const took = Date.now() - signalled;
      expect(took).toBeGreaterThanOrEqual(900);
      // Well before the 8 s the vendor call would take: the drain did not wait for it.
      expect(took).toBeLessThan(7_000);
      expect(served.stderr).toContain('Shutdown timeout reached');
    } finally {
      emulators.watchers.server.clearFaults();
      await served.close();
    }
  }, 40_000);

  it('refuses to start with a ROOMOPS_SHUTDOWN_TIMEOUT_S that is not a number of seconds', async () => {
    await expect(
      ServedRoomops.start({ emulators, fake, env: { ROOMOPS_SHUTDOWN_TIMEOUT_S: 'soon' } }),
    ).rejects.toThrow(/exited with 2[\s\S]*ROOMOPS_SHUTDOWN_TIMEOUT_S/);
  }, 30_000);
});
