/**
 * Discord shows the warnings too: a create whose room the vendor made while
 * another connection held the SQLite write lock is answered publicly as done,
 * with a visible warning line for each record RoomOps could not write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempSqliteStore, untilTrue as until, whileStoreLocked } from '../../helpers/store-lock.js';
import { ADMIN, embedText, isEdit, type Rig, startRig } from './harness.js';

const store = tempSqliteStore('roomops-discord-busy-');
let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ storeUrl: store.url, storeTimeoutMs: 300 });
});
afterAll(async () => {
  await rig?.close();
  store.remove();
});

describe('Discord answer after the vendor acted, with the store locked', () => {
  it('is the result with warning lines, not an error', async () => {
    const rong = rig.runtime.emulators.rongcloud;
    rong.server.injectFault({ kind: 'delay', path: '/chatroom/create_new.json', delayMs: 800 });
    const sent = rig.slash(ADMIN, 'create', { account: 'rong', room: 'disc-locked' });
    await until(() => rong.server.faults.length === 0, 'the create to reach the vendor');
    const calls = await whileStoreLocked(store.file, () => rig.until(sent, (cs) => cs.some(isEdit)));
    expect(rong.rooms.has('disc-locked')).toBe(true);
    const text = embedText(calls.find(isEdit)!.body as Record<string, unknown>);
    expect(text).toContain('disc-locked');
    expect(text).toMatch(
      /⚠ Warning: The vendor's answer stands, but RoomOps could not record room disc-locked/,
    );
    expect(text).toMatch(/⚠ Warning: Not in the audit log: the store is busy/);
    expect(text).not.toMatch(/database is locked|SQLITE_BUSY/);
  });
});
