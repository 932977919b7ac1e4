/** The server process: healthz readiness and a graceful stop that finishes acknowledged work. */
import { expect, it } from 'vitest';
import { ADMIN, SlackHarness, shown } from './harness.js';

it('a graceful stop delivers answers already acknowledged, answers healthz 503 meanwhile, then closes the port', async () => {
  const h = await SlackHarness.start();
  const fake = h.fake;
  let stopped = false;
  try {
    h.runtime.emulators.watchers.server.injectFault({ kind: 'delay', delayMs: 1500, path: '/', count: 1 });
    const sent = await h.command('info watch concert-live', ADMIN);
    expect(sent.status).toBe(200);
    const url = h.server.url;
    const stopping = h.server.stop();
    const health = await fetch(`${url}/healthz`).catch(() => undefined);
    if (health) {
      expect(health.status).toBe(503);
      expect(JSON.stringify(await health.json())).toContain('shutting down');
    }
    await stopping;
    stopped = true;
    const [post] = fake.postsTo(sent.responseUrl);
    expect(post?.status).toBe(200);
    expect(shown(post!)).toContain('concert-live');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  } finally {
    if (!stopped) await h.server.stop();
    await fake.stop();
  }
});
