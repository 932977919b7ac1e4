/**
 * The approval path with the store locked by another connection (BEGIN
 * IMMEDIATE) while the approved delete is at the vendor: the room is deleted,
 * the prompt is replaced by the result with visible warnings, the audit entry
 * and the pending action's outcome are in the log, and the action can never
 * run a second time.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lockStore,
  tempSqliteStore,
  untilTrue as until,
  whileStoreLocked,
} from '../../helpers/store-lock.js';
import { ADMIN, ADMIN2, pendingIdOf, SlackHarness, shown } from './harness.js';

const store = tempSqliteStore('roomops-slack-busy-');
const { file } = store;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- log lines are arbitrary JSON.
const logged: Record<string, any>[] = [];
const logger = pino(
  { level: 'info', base: undefined },
  { write: (line: string) => logged.push(JSON.parse(line)) },
);

let h: SlackHarness;
beforeAll(async () => {
  h = await SlackHarness.start({ storeUrl: store.url, storeTimeoutMs: 300, logger });
});
afterAll(async () => {
  await h?.close();
  store.remove();
});

describe('approval while another process holds the store', () => {
  it('reports the vendor deletion with warnings and keeps the records in the log', async () => {
    const rong = h.runtime.emulators.rongcloud;
    const prompt = await h.ask('delete rong support-1', ADMIN);
    const id = pendingIdOf(prompt);
    rong.server.injectFault({ kind: 'delay', path: '/chatroom/destroy.json', delayMs: 800 });
    const click = await h.click('room_confirm', id, ADMIN2);
    expect(click.status).toBe(200);
    await until(() => rong.server.faults.length === 0, 'the delete to reach the vendor');
    const [meanwhile, answer] = await whileStoreLocked(file, async () => {
      // Once the vendor has answered, RoomOps waits for the lock; a command
      // arriving now is still acknowledged within Slack's 3 seconds.
      await until(
        () => rong.server.log.some((r) => r.path.endsWith('/chatroom/destroy.json')),
        'the vendor to delete the room',
      );
      const meanwhile = await h.command('help');
      const [answer] = await h.fake.waitForPosts(1, click.responseUrl);
      return [meanwhile, answer] as const;
    });

    expect(meanwhile.status).toBe(200);
    expect(meanwhile.ackMs).toBeLessThan(3_000);
    expect(rong.rooms.has('support-1')).toBe(false);
    expect(answer!.body.replace_original).toBe(true);
    const text = shown(answer!);
    // People are mentions (JSON text: the newline is escaped).
    expect(text).toContain('*Approved by*\\n<@U0ADMIN2>');
    expect(text).not.toContain('room_confirm');
    expect(text).toMatch(
      /⚠ Warning: The vendor's answer stands, but RoomOps could not mark support-1 as deleted/,
    );
    expect(text).toMatch(/⚠ Warning: Not in the audit log: the store is busy/);
    expect(text).toMatch(/⚠ Warning: The confirmation could not be marked done: the store is busy/);
    expect(text).not.toMatch(/database is locked|SQLITE_BUSY/);

    const audit = logged.find((l) => l.msg === 'audit_write_failed' && l.entry?.action === 'delete');
    expect(audit?.entry).toMatchObject({
      actor: 'slack:U0ADMIN',
      account: 'rong',
      rooms: ['support-1'],
      outcome: 'ok',
      decidedBy: 'slack:U0ADMIN2',
      pendingId: id,
    });
    const finish = logged.find((l) => l.msg === 'pending_finish_failed');
    expect(finish).toMatchObject({
      pendingId: id,
      state: 'done',
      outcome: { result: { deleted: ['support-1'] } },
    });
    expect(text).toContain(finish!.errorId as string);

    // The action stays approved, so a late click cannot run it again.
    expect((await h.runtime.store.pending.get(id))?.state).toBe('approved');
    const late = await h.press('room_confirm', id, ADMIN);
    expect(shown(late)).toContain('Already approved');
  });

  it('a failure after the answer was posted is told with an error id that the log carries', async () => {
    // The store locks just as the prompt reaches Slack: remembering where the
    // prompt is (attachPrompt) then fails, after the person has seen it.
    let lock: { release(): void } | undefined;
    h.fake.onResponsePost = (post) => {
      if (lock === undefined && JSON.stringify(post.body).includes('room_confirm')) lock = lockStore(file);
    };
    let posts;
    const sent = await h.command('delete rong lobby', ADMIN);
    try {
      posts = await h.fake.waitForPosts(2, sent.responseUrl);
    } finally {
      h.fake.onResponsePost = undefined;
      lock?.release();
    }
    const failure = shown(posts[1]!);
    const id = /error id ([0-9a-f]{8})/.exec(failure)?.[1];
    expect(id).toBeDefined();
    expect(posts[1]!.body.response_type).toBe('ephemeral');
    expect(failure).not.toMatch(/database is locked|SQLITE_BUSY/);
    expect(logged.some((l) => l.errorId === id && l.msg === 'Slack request failed after ack')).toBe(true);
  });

  it('a click the store cannot record is told privately with an error id; the prompt stays', async () => {
    const prompt = await h.ask('delete rong lobby', ADMIN);
    const id = pendingIdOf(prompt);
    const answer = await whileStoreLocked(file, () => h.press('room_confirm', id, ADMIN2));
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.replace_original).toBe(false);
    expect(shown(answer)).toMatch(/not recorded.*The store is busy.*\(error id [0-9a-f]{8}\)/);
    expect(h.runtime.emulators.rongcloud.rooms.has('lobby')).toBe(true);
    expect((await h.runtime.store.pending.get(id))?.state).toBe('pending');
  });
});
