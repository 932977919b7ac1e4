/**
 * A type-to-confirm submission whose decision is slow (the store is locked by
 * another connection, BEGIN IMMEDIATE): Slack's 3 s for the submission's ack
 * are kept by closing the modal at 2.5 s, and the outcome follows where the
 * click was: a wrong name to the clicker alone, a right one as the prompt
 * rewritten with the job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, pendingIdOf, SlackHarness, shown } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'roomops-slack-typed-late-'));
const file = join(dir, 'store.db');
const HOLD_MS = 3_200;

let h: SlackHarness;
beforeAll(async () => {
  h = await SlackHarness.start({ storeUrl: `sqlite://${file}`, storeTimeoutMs: 8_000, bulkTypeToConfirm: 2 });
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const agora = () => h.runtime.emulators.agora;

const makeRooms = (prefix: string, n: number): string[] => h.agoraRooms(prefix, n);

/** Holds the store's write lock from another connection for HOLD_MS while `work` runs. */
async function withStoreLocked<T>(work: () => Promise<T>): Promise<T> {
  const other = new BetterSqlite3(file, { timeout: 2_000 });
  other.exec('begin immediate');
  const released = new Promise<void>((resolve) =>
    setTimeout(() => {
      other.exec('rollback');
      other.close();
      resolve();
    }, HOLD_MS),
  );
  try {
    return await work();
  } finally {
    await released;
  }
}

describe('a slow type-to-confirm submission', () => {
  it('closes the modal within 3 s; a wrong name is then told to the clicker alone, a right one rewrites the prompt', async () => {
    const rooms = makeRooms('slow', 3);
    const prompt = await h.ask('delete agora match=slow-*', ADMIN);
    const id = pendingIdOf(prompt);
    const click = await h.click('room_confirm', id, ADMIN2);
    const modal = await h.fake.waitForModal(click.triggerId);

    const wrong = await withStoreLocked(() => h.submit(modal, 'agora-dev', ADMIN2));
    expect(wrong.status).toBe(200);
    expect(wrong.body).toBe('');
    expect(wrong.ackMs).toBeGreaterThan(2_000);
    expect(wrong.ackMs).toBeLessThan(3_000);
    const [told] = await h.fake.waitForPosts(1, click.responseUrl);
    expect(told!.body.response_type).toBe('ephemeral');
    expect(told!.body.replace_original).toBe(false);
    expect(shown(told!)).toContain('not the account name');
    expect((await h.runtime.store.pending.get(id))?.state).toBe('pending');
    expect(rooms.every((r) => agora().rooms.has(r))).toBe(true);

    // The modal closed, so the clicker clicks again: a fresh modal, the right name, a slow store.
    const again = await h.click('room_confirm', id, ADMIN2);
    const second = await h.fake.waitForModal(again.triggerId);
    const right = await withStoreLocked(() => h.submit(second, 'agora', ADMIN2));
    expect(right.body).toBe('');
    expect(right.ackMs).toBeLessThan(3_000);
    const [rewritten] = await h.fake.waitForPosts(1, again.responseUrl);
    expect(rewritten!.body.replace_original).toBe(true);
    expect(shown(rewritten!)).toContain('job_cancel:');
    const deadline = Date.now() + 15_000;
    while (rooms.some((r) => agora().rooms.has(r))) {
      if (Date.now() > deadline) throw new Error('the rooms were not deleted');
      await new Promise((r) => setTimeout(r, 25));
    }
  });
});
