/**
 * Every call RoomOps makes to Slack has a timeout (DESIGN.md "Nothing lost
 * after the vendor acted"): a response_url or a Web API method that never
 * answers is given up after ROOMOPS_OUTBOUND_TIMEOUT_MS, so a command and a
 * shutdown cannot hang on it. The fake Slack holds stalled requests open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { startSandboxRuntime } from '../../../src/app/sandbox-runtime.js';
import { FakeSlack } from '../../fakes/slack/index.js';
import { ACCESS, APP_TOKEN, BOT_TOKEN, SlackHarness, USERGROUPS } from './harness.js';

const FAST = { ROOMOPS_OUTBOUND_TIMEOUT_MS: '300' };
const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([
    work.then(() => 'done' as const),
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms).unref()),
  ]);

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close().catch(() => {});
});

describe('Slack outbound timeouts', () => {
  it('a response_url that never answers is given up, and shutdown finishes promptly', async () => {
    const harness = await SlackHarness.start({ env: FAST });
    harness.fake.stalled.add('/response/');
    const sent = await harness.command('list agora');
    expect(sent.status).toBe(200);
    await expect.poll(() => harness.fake.stalledRequests).toBeGreaterThan(0);
    // The reply is stuck at Slack; stop() waits for in-flight work, which must end by the timeout.
    const started = Date.now();
    expect(await within(5_000, harness.close())).toBe('done');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(harness.fake.posts).toHaveLength(0);
  });

  it('a Web API call that never answers fails the start instead of hanging it', async () => {
    const fake = new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, usergroups: USERGROUPS });
    await fake.start();
    opened.push({ close: () => fake.stop() });
    fake.stalled.add('/api/auth.test');
    const runtime = await startSandboxRuntime({ access: ACCESS, logger: createLogger('silent', {}) });
    opened.push(runtime);
    const started = Date.now();
    const outcome = await within(
      8_000,
      SlackHarness.start({ fake, runtime, env: FAST }).then(
        (h) => {
          opened.push(h);
          return 'started';
        },
        (error: unknown) => error,
      ),
    );
    expect(outcome).toBe('done');
    expect(Date.now() - started).toBeLessThan(8_000);
    // One attempt plus OUTBOUND_RETRIES, each cut off by the timeout.
    expect(fake.stalledRequests).toBe(3);
  });

  it('refuses a malformed ROOMOPS_OUTBOUND_TIMEOUT_MS, naming it and the expected form', async () => {
    const fake = new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, usergroups: USERGROUPS });
    await fake.start();
    opened.push({ close: () => fake.stop() });
    const runtime = await startSandboxRuntime({ access: ACCESS, logger: createLogger('silent', {}) });
    opened.push(runtime);
    const env = { ROOMOPS_OUTBOUND_TIMEOUT_MS: 'soon' };
    const error = await SlackHarness.start({ fake, runtime, env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /ROOMOPS_OUTBOUND_TIMEOUT_MS must be a whole number of milliseconds/,
    );
    expect((error as { code?: string }).code).toBe('config_error');
  });
});
