/**
 * Discord shows the warnings too: a create whose room the vendor made while
 * another connection held the SQLite write lock is answered publicly as done,
 * with a visible warning line for each record RoomOps could not write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, embedText, isEdit, type Rig, startRig } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'roomops-discord-busy-'));
const file = join(dir, 'store.db');
let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ storeUrl: `sqlite://${file}`, storeTimeoutMs: 300 });
});
afterAll(async () => {
  await rig?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Discord answer after the vendor acted, with the store locked', () => {
  it('is the result with warning lines, not an error', async () => {
    const rong = rig.runtime.emulators.rongcloud;
    rong.server.injectFault({ kind: 'delay', path: '/chatroom/create_new.json', delayMs: 800 });
    const sent = rig.slash(ADMIN, 'create', { account: 'rong', room: 'disc-locked' });
    await until(() => rong.server.faults.length === 0, 'the create to reach the vendor');
    const other = new BetterSqlite3(file, { timeout: 2_000 });
    other.exec('begin immediate');
    let calls;
    try {
      calls = await rig.until(sent, (cs) => cs.some(isEdit));
    } finally {
      other.exec('rollback');
      other.close();
    }
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
