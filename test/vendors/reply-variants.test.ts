/**
 * DESIGN.md "Nothing lost after the vendor acted": a reply that reports
 * success is never turned into a failure because an echo differs or an
 * unknown field is added. Each case lets the emulator perform the change, then
 * answers with another shape of the success reply (the `variant` fault), and
 * checks that the client reports success and that the vendor really acted.
 */
import { describe, expect, it } from 'vitest';
import { VendorError } from '../../src/vendors/errors.js';
import { useSandboxClients } from '../helpers/sandbox-clients.js';

const sandbox = useSandboxClients();
const { client } = sandbox;

const agoraRoom = (name: string) => [...sandbox.emulators.agora.rooms.values()].find((r) => r.name === name)!;

describe('Agora success replies with other echoes', () => {
  it('unmute-all answering "mute": false is a success, and the room is unmuted', async () => {
    const agora = await client('agora');
    const room = agoraRoom('Beta testers');
    await agora.setMuteAll(room.id, true);
    expect(agoraRoom('Beta testers').mute).toBe(true);
    sandbox.emulators.agora.server.injectFault({
      kind: 'variant',
      path: `/chatrooms/${room.id}/ban`,
      json: { action: 'put', data: { mute: false }, duration: 3 },
    });
    const after = await agora.setMuteAll(room.id, false);
    expect(after.mute).toBe(false);
    expect(agoraRoom('Beta testers').mute).toBe(false);
  });

  it('mute-all answering the field table shape (result, expire) is a success', async () => {
    const agora = await client('agora');
    const room = agoraRoom('Support');
    sandbox.emulators.agora.server.injectFault({
      kind: 'variant',
      path: `/chatrooms/${room.id}/ban`,
      json: { data: { result: true, expire: -1 }, timestamp: 1 },
    });
    await expect(agora.setMuteAll(room.id, true)).resolves.toMatchObject({ id: room.id, mute: true });
    expect(agoraRoom('Support').mute).toBe(true);
    await agora.setMuteAll(room.id, false);
  });

  it('a delete, an announcement and a member add whose echoes differ succeed', async () => {
    const agora = await client('agora');
    const created = await agora.createRoom('Variant room', { owner: 'alice' });
    sandbox.emulators.agora.server.injectFault({
      kind: 'variant',
      path: `/chatrooms/${created.id}/announcement`,
      json: { data: { result: 'success', id: 12 }, extra: [1] },
    });
    await expect(agora.setAnnouncement(created.id, 'hello')).resolves.toMatchObject({ text: 'hello' });
    sandbox.emulators.agora.server.injectFault({
      kind: 'variant',
      path: `/chatrooms/${created.id}/users/dave`,
      json: { data: { result: 'success', action: 'add_member', user: 'someone-else' } },
    });
    const [added] = await agora.addMembers(created.id, ['dave']);
    expect(added).toEqual({ id: 'dave', ok: true, value: true });
    sandbox.emulators.agora.server.injectFault({
      kind: 'variant',
      path: `/chatrooms/${created.id}`,
      json: { action: 'delete', data: { success: 'true', id: 42, newField: {} } },
    });
    const [deleted] = await agora.deleteRooms([created.id]);
    expect(deleted).toEqual({ id: created.id, ok: true, value: true });
    expect(sandbox.emulators.agora.rooms.has(created.id)).toBe(false);
  });

  it('still refuses a member change the vendor says it did not make (result: false)', async () => {
    const agora = await client('agora');
    const room = agoraRoom('Town hall');
    sandbox.emulators.agora.server.injectFault({
      kind: 'variant',
      path: `/chatrooms/${room.id}/users/bob`,
      json: { data: { result: false, reason: 'user bob is the owner' } },
    });
    const [removed] = await agora.removeMembers(room.id, ['bob']);
    expect(removed?.ok).toBe(false);
    if (removed?.ok === false) {
      expect(removed.error.code).toBe('vendor_rejected');
      expect(removed.error.details.vendorMessage).toBe('user bob is the owner');
    }
  });

  it('still refuses a reply without what RoomOps reads (create with no id)', async () => {
    const agora = await client('agora');
    sandbox.emulators.agora.server.injectFault({ kind: 'variant', path: '/chatrooms$/', json: { data: {} } });
    const error = await agora.createRoom('No id', { owner: 'alice' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect((error as VendorError).code).toBe('vendor_bad_reply');
  });
});

describe('iFlyChat, RongCloud and Watchers success replies with other echoes', () => {
  it('iFlyChat: a delete answered {} or {"success":"true", …} is a success', async () => {
    const ifly = await client('ifly');
    const a = await ifly.createRoom('Variant A', {});
    const b = await ifly.createRoom('Variant B', {});
    sandbox.emulators.iflychat.server.injectFault({
      kind: 'variant',
      path: `/room/${a.id}/delete`,
      json: {},
    });
    sandbox.emulators.iflychat.server.injectFault({
      kind: 'variant',
      path: `/room/${b.id}/delete`,
      json: { success: 'true', deleted_at: 1 },
    });
    const outcomes = await ifly.deleteRooms([a.id, b.id]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect(sandbox.emulators.iflychat.state.rooms.has(Number(a.id))).toBe(false);
    expect(sandbox.emulators.iflychat.state.rooms.has(Number(b.id))).toBe(false);
  });

  it('RongCloud: get.json without the chatroomId echo still describes the room asked for', async () => {
    const rong = await client('rong');
    sandbox.emulators.rongcloud.server.injectFault({
      kind: 'variant',
      path: '/chatroom/get.json',
      json: {
        code: 200,
        createTime: 1,
        memberCount: 4,
        destroyType: 0,
        destroyTime: 60,
        ban: false,
        region: 'sg',
      },
    });
    const [outcome] = await rong.getRooms(['lobby']);
    expect(outcome).toMatchObject({ ok: true, value: { id: 'lobby', memberCount: 4, region: 'sg' } });
  });

  it('Watchers: a posted message without the text echo is a success, keeping its id', async () => {
    const watch = await client('watch');
    const before = sandbox.emulators.watchers.state.messages.length;
    sandbox.emulators.watchers.server.injectFault({
      kind: 'variant',
      path: '/external/message/send',
      json: { id: 991, createdAt: '2026-12-01T00:00:00Z', moderation: { pending: true } },
    });
    const posted = await watch.setAnnouncement('concert-live', 'doors open');
    expect(posted).toMatchObject({ messageId: '991', createdAt: '2026-12-01T00:00:00Z', text: 'doors open' });
    expect(sandbox.emulators.watchers.state.messages.length).toBe(before + 1);
  });
});
