/**
 * Undo of a delete in its grace period puts each room back as it was, by a
 * signed Slack click against the RongCloud emulator: the sandbox's
 * `support-1` is muted by a moderator before the delete and stays muted after
 * the undo; `launch-42`, muted by the grace delete, is unmuted. An Agora
 * room whose details do not say whether it was muted is muted, the answer
 * says so, and the undo leaves it muted (the side that never lifts a
 * moderator's mute).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, pendingIdOf, SlackHarness, shown } from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await SlackHarness.start();
});
afterAll(async () => h?.close());

const rong = () => h.runtime.emulators.rongcloud;
const agora = () => h.runtime.emulators.agora;
const banned = (room: string) => rong().rooms.get(room)?.ban;
/** The mute-all calls (ban/add, ban/rollback) that reached RoomOps' RongCloud emulator. */
const banCalls = () => rong().server.log.filter((r) => /\/chatroom\/ban\/(add|rollback)\.json$/.test(r.path));

describe('Undo in Slack restores each room', () => {
  it('keeps a room muted before the grace delete muted, and unmutes the one it muted', async () => {
    expect(banned('support-1')).toBe(true);
    expect(banned('launch-42')).toBe(false);

    const prompt = await h.ask('delete rong support-1,launch-42 grace=1h', ADMIN);
    const started = await h.press('room_confirm', pendingIdOf(prompt), ADMIN);
    expect(shown(started)).toContain('Muted now: launch-42.');
    expect(shown(started)).toContain('Already muted before, and stays muted after an undo: support-1.');
    expect(banned('launch-42')).toBe(true);
    expect(banCalls().map((r) => r.path)).toEqual(['/chatroom/ban/add.json']);
    const blocks = started.body.blocks as { elements?: { action_id?: string; value?: string }[] }[];
    const jobId = blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id?.startsWith('job_undo:'))?.value;
    expect(jobId).toMatch(/^j_[\w-]{16}$/);

    const undone = await h.press(`job_undo:${jobId}`, jobId!, ADMIN2);
    expect(undone.body.replace_original).toBe(true);
    expect(shown(undone)).toContain(
      `job ${jobId} cancelled and launch-42 unmuted. Still muted as before: support-1.`,
    );
    expect(banned('support-1')).toBe(true);
    expect(banned('launch-42')).toBe(false);
    expect(rong().rooms.has('support-1') && rong().rooms.has('launch-42')).toBe(true);
    expect(banCalls().map((r) => r.path)).toEqual(['/chatroom/ban/add.json', '/chatroom/ban/rollback.json']);
  });

  it('mutes a room whose earlier state Agora does not tell, says so, and leaves it muted at undo', async () => {
    const room = agora().state.createRoom({
      name: 'grace-unknown',
      description: 'state not reported',
      owner: 'alice',
      members: [],
      maxusers: 100,
      custom: '',
    });
    const prompt = await h.ask(`delete agora ${room.id} grace=1h`, ADMIN);
    // The next details read answers without `mute`, as real Agora does for many rooms.
    agora().server.injectFault({
      kind: 'variant',
      path: `/\\/chatrooms\\/${room.id}$/`,
      json: { data: [{ id: room.id, name: room.name, owner: room.owner }] },
    });
    const started = await h.press('room_confirm', pendingIdOf(prompt), ADMIN);
    expect(shown(started)).toContain(`could not tell whether ${room.id} was muted before`);
    expect(agora().rooms.get(room.id)?.mute).toBe(true);
    const blocks = started.body.blocks as { elements?: { action_id?: string; value?: string }[] }[];
    const jobId = blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id?.startsWith('job_undo:'))?.value;

    const undone = await h.press(`job_undo:${jobId}`, jobId!, ADMIN);
    expect(shown(undone)).toContain(`Still muted as before: ${room.id}.`);
    expect(shown(undone)).toContain('whether they were muted before is not known');
    expect(agora().rooms.get(room.id)?.mute).toBe(true);
    expect(agora().server.log.filter((r) => r.method === 'DELETE' && r.path.includes(room.id))).toEqual([]);
  });
});
