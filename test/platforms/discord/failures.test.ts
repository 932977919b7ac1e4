/**
 * Vendor trouble seen from Discord: a public mutation that fails at the
 * vendor is withdrawn and the error goes to the caller alone; a vendor that
 * hangs past 3 seconds still gets the interaction acknowledged in time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete } from '../../fakes/discord/index.js';
import {
  ADMIN,
  callbackData,
  embedText,
  expectNoMentionsAnywhere,
  isCallback,
  isDelete,
  isEdit,
  isFollowUp,
  OPERATOR,
  type Rig,
  startRig,
  VIEWER,
} from './harness.js';

type Json = Record<string, unknown>;

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterEach(() => {
  expectNoMentionsAnywhere(rig.fake);
  // Every interaction was acknowledged within Discord's 3 seconds.
  for (const sent of rig.fake.interactions.values()) {
    if (sent.callbackAfterMs !== undefined) expect(sent.callbackAfterMs).toBeLessThan(3000);
  }
});
afterAll(async () => rig?.close());

describe('vendor failure', () => {
  it('a public create that fails with a vendor 5xx: public reply deleted, error follows up ephemerally', async () => {
    rig.runtime.emulators.agora.server.injectFault({
      kind: 'status',
      status: 503,
      path: 'chatrooms',
      count: 3,
    });
    const sent = rig.slash(OPERATOR, 'create', { account: 'agora', name: 'Doomed', fields: 'owner=alice' });
    const calls = await rig.until(sent, (cs) => cs.some(isFollowUp));
    expect(calls.find(isCallback)!.body).toEqual({ type: 5, data: { flags: 0 } });
    const order = calls.map((c) =>
      isCallback(c) ? 'defer' : isDelete(c) ? 'delete' : isFollowUp(c) ? 'followUp' : `${c.method}`,
    );
    expect(order).toEqual(['defer', 'delete', 'followUp']);
    const followUp = calls.find(isFollowUp)!.body as Json;
    expect(followUp.flags).toBe(64);
    expect(embedText(followUp)).toMatch(/vendor_/);
    const original = rig.fake.messages.byId.get(rig.fake.messages.original.get(sent.token)!)!;
    expect(original.deleted).toBe(true);
  });
});

describe('a vendor that hangs past 3 seconds', () => {
  it('a read is deferred at once and answered when the vendor replies', async () => {
    rig.runtime.emulators.agora.server.injectFault({ kind: 'delay', delayMs: 3600, path: 'chatrooms' });
    const sent = rig.slash(VIEWER, 'list', { account: 'agora' });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit), 15_000);
    expect(calls.find(isCallback)!.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(calls.find(isCallback)!.status).toBe(204);
    expect(sent.callbackAfterMs).toBeLessThan(3000);
    expect(calls.find(isEdit)!.at - sent.sentAt).toBeGreaterThan(3000);
    expect(embedText(calls.find(isEdit)!.body as Json)).toContain('Town hall');
  }, 20_000);

  it('a mutation is deferred publicly at once and answered when the vendor replies', async () => {
    rig.runtime.emulators.rongcloud.server.injectFault({ kind: 'delay', delayMs: 3600, path: 'create' });
    const sent = rig.slash(ADMIN, 'create', { account: 'rong', room: 'slow-room' });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit), 15_000);
    expect(calls.find(isCallback)!.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(sent.callbackAfterMs).toBeLessThan(3000);
    expect(calls.find(isEdit)!.at - sent.sentAt).toBeGreaterThan(3000);
    expect(embedText(calls.find(isEdit)!.body as Json)).toContain('slow-room');
  }, 20_000);

  it('room autocomplete answers within the deadline even when the vendor list hangs', async () => {
    rig.runtime.emulators.iflychat.server.injectFault({ kind: 'delay', delayMs: 6000 });
    const sent = rig.fake.sendInteraction(
      autocomplete(VIEWER, 'info', { account: 'ifly', room: '' }, 'room'),
    );
    const calls = await rig.until(sent, (cs) => cs.some(isCallback));
    expect(calls.find(isCallback)!.status).toBe(204);
    expect((calls.find(isCallback)!.body as { type: number }).type).toBe(8);
    expect(sent.callbackAfterMs).toBeLessThan(2900);
    expect(callbackData(calls.find(isCallback)!).choices).toEqual([]);
  }, 20_000);
});
