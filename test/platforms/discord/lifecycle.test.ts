/**
 * Start and stop: the bot reports the gateway connection, and stop() lets
 * the work in flight finish before it disconnects (SIGTERM in the server).
 */
import { afterAll, expect, it } from 'vitest';
import { isCallback, isEdit, type Rig, startRig, VIEWER } from './harness.js';

let rig: Rig | undefined;
afterAll(async () => {
  await rig?.runtime.close();
  await rig?.fake.close();
});

it('finishes an interaction in flight before disconnecting, and reports the disconnect', async () => {
  rig = await startRig();
  expect(rig.adapter.status()).toMatchObject({ connected: true });
  rig.runtime.emulators.agora.server.injectFault({ kind: 'delay', delayMs: 1500, path: 'chatrooms' });
  const sent = rig.slash(VIEWER, 'list', { account: 'agora' });
  await rig.until(sent, (cs) => cs.some(isCallback));
  await rig.adapter.stop();
  // The answer was delivered before stop() returned.
  expect(rig.fake.callsFor(sent.token).some(isEdit)).toBe(true);
  expect(rig.adapter.status().connected).toBe(false);
  await expect.poll(() => rig!.fake.connectedSockets).toBe(0);
});
