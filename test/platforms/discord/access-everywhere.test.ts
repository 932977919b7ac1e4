/**
 * Access applies to autocomplete and to clicks, not only to commands
 * (DESIGN.md "Access applies everywhere"): account choices only for accounts
 * the person may read where they type, no room choices and no vendor list
 * call otherwise; and when Discord sends no member (roles unknown) while the
 * rules depend on roles, commands and clicks are refused with
 * `access_unavailable` instead of running under `access.default`.
 * The real discord.js client over the fake gateway, the sandbox emulators.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Actor,
  autocomplete,
  buttonClick,
  chatInput,
  GUILD_ID,
  type Where,
} from '../../fakes/discord/index.js';
import {
  ADMIN,
  callbackData,
  embedText,
  isCallback,
  isEdit,
  isFollowUp,
  MODERATOR,
  OPERATOR,
  type Rig,
  startRig,
  VIEWER,
} from './harness.js';

type Choice = { name: string; value: string };
type Json = Record<string, unknown>;

const ROLES = { admin: ['*'], operator: ['read', 'write'], viewer: ['read'] };
/** Nobody unlisted; VIEWER may read `watch` only; MODERATOR's role is admin. */
const LOCKED = {
  default: 'none',
  roles: ROLES,
  users: { [`discord:${ADMIN.id}`]: 'admin', 'discord:role:500000000000000009': 'admin' },
  accounts: { watch: { users: { [`discord:${VIEWER.id}`]: 'viewer' } } },
};

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function choices(
  actor: Actor,
  subcommand: string,
  options: Record<string, string>,
  focused: string,
  where: Where = {},
): Promise<Choice[]> {
  const sent = rig!.fake.sendInteraction(autocomplete(actor, subcommand, options, focused, where));
  const calls = await rig!.until(sent, (cs) => cs.some(isCallback));
  const callback = calls.find(isCallback)!;
  expect((callback.body as { type: number }).type).toBe(8);
  return callbackData(callback).choices as Choice[];
}

const agoraListCalls = () =>
  rig!.runtime.emulators.agora.server.log.filter((r) => r.method === 'GET' && r.path.endsWith('/chatrooms'))
    .length;

describe('autocomplete', () => {
  it('offers only the accounts the person may read here', async () => {
    rig = await startRig({ access: LOCKED });
    expect((await choices(VIEWER, 'list', { account: '' }, 'account')).map((c) => c.value)).toEqual([
      'watch',
    ]);
    expect(await choices(OPERATOR, 'list', { account: '' }, 'account')).toEqual([]);
    const all = await choices(MODERATOR, 'list', { account: '' }, 'account');
    expect(all.map((c) => c.value).sort()).toEqual(['agora', 'ifly', 'rong', 'watch']);
  });

  it('no room choices and no vendor list call for an account the person may not read', async () => {
    rig = await startRig({ access: LOCKED });
    expect(await choices(VIEWER, 'info', { account: 'agora', room: '' }, 'room')).toEqual([]);
    expect(await choices(OPERATOR, 'info', { account: 'agora', room: '' }, 'room')).toEqual([]);
    expect(agoraListCalls()).toBe(0);
    // The same question from someone who may read: the vendor is asked and rooms come back.
    const allowed = await choices(ADMIN, 'info', { account: 'agora', room: '' }, 'room');
    expect(allowed.length).toBeGreaterThan(0);
    expect(agoraListCalls()).toBe(1);
  });

  it('the channel allow-list applies: nothing for a server that is not listed', async () => {
    rig = await startRig({ access: { ...LOCKED, channels: ['discord:guild:1000000000000000999'] } });
    expect(await choices(ADMIN, 'list', { account: '' }, 'account')).toEqual([]);
    expect(await choices(ADMIN, 'info', { account: 'agora', room: '' }, 'room')).toEqual([]);
    expect(agoraListCalls()).toBe(0);
  });

  it('nothing in a direct message, where /room does not run', async () => {
    rig = await startRig({ access: { ...LOCKED, default: 'viewer' } });
    expect(await choices(ADMIN, 'list', { account: '' }, 'account', { dm: true })).toEqual([]);
    expect(await choices(ADMIN, 'info', { account: 'agora', room: '' }, 'room', { dm: true })).toEqual([]);
    expect(agoraListCalls()).toBe(0);
  });

  it('nothing when the member’s roles are unknown and access depends on roles', async () => {
    rig = await startRig({ access: LOCKED });
    const where = { memberless: true };
    expect(await choices(MODERATOR, 'list', { account: '' }, 'account', where)).toEqual([]);
    expect(await choices(MODERATOR, 'info', { account: 'agora', room: '' }, 'room', where)).toEqual([]);
    expect(agoraListCalls()).toBe(0);
  });
});

/** Anyone unlisted is an admin; OPERATOR's role holds them to read-only. */
const BROAD_DEFAULT = {
  default: 'admin',
  roles: ROLES,
  users: { 'discord:role:500000000000000002': 'viewer' },
};

describe('member roles unknown', () => {
  it('a click is refused with access_unavailable, never approved under access.default', async () => {
    rig = await startRig({ access: BROAD_DEFAULT });
    const sent = rig.slash(VIEWER, 'delete', { account: 'rong', room: 'lobby' });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit));
    const edit = calls.find(isEdit)!.body as { components: { components: { custom_id: string }[] }[] };
    const confirmId = edit.components[0]!.components[0]!.custom_id;
    const messageId = rig.fake.messages.original.get(sent.token)!;

    const click = rig.fake.sendInteraction(buttonClick(OPERATOR, confirmId, messageId, { memberless: true }));
    const answer = await rig.until(click, (cs) => cs.some(isFollowUp));
    const followUp = answer.find(isFollowUp)!.body as Json;
    expect(followUp.flags).toBe(64);
    expect(embedText(followUp)).toContain('Access could not be checked');
    expect(rig.runtime.emulators.rongcloud.rooms.has('lobby')).toBe(true);
    const pendingId = confirmId.slice('room_confirm:'.length);
    expect((await rig.runtime.store.pending.get(pendingId))?.state).toBe('pending');
  });

  it('a server Discord reports unavailable (no roles cached) refuses the click too', async () => {
    rig = await startRig({ access: BROAD_DEFAULT });
    const sent = rig.slash(VIEWER, 'delete', { account: 'rong', room: 'lobby' });
    const calls = await rig.until(sent, (cs) => cs.some(isEdit));
    const edit = calls.find(isEdit)!.body as { components: { components: { custom_id: string }[] }[] };
    const confirmId = edit.components[0]!.components[0]!.custom_id;
    const messageId = rig.fake.messages.original.get(sent.token)!;
    // An outage: the server is known but unavailable, so discord.js holds none of its roles.
    rig.fake.dispatch('GUILD_CREATE', { id: GUILD_ID, unavailable: true });

    const click = rig.fake.sendInteraction(buttonClick(OPERATOR, confirmId, messageId));
    const answer = await rig.until(click, (cs) => cs.some(isFollowUp));
    expect(embedText(answer.find(isFollowUp)!.body as Json)).toContain('Access could not be checked');
    expect(rig.runtime.emulators.rongcloud.rooms.has('lobby')).toBe(true);
  });

  it('a command is refused with access_unavailable, privately, and nothing runs', async () => {
    rig = await startRig({ access: BROAD_DEFAULT });
    const sent = rig.fake.sendInteraction(
      chatInput(OPERATOR, 'create', { account: 'rong', room: 'fc-memberless' }, { memberless: true }),
    );
    const calls = await rig.until(sent, (cs) => cs.some(isCallback));
    const callback = calls.find(isCallback)!.body as { type: number; data: Json };
    expect(callback.type).toBe(4);
    expect(callback.data.flags).toBe(64);
    expect(embedText(callback.data)).toContain('access_unavailable');
    expect(rig.runtime.emulators.rongcloud.rooms.has('fc-memberless')).toBe(false);
  });

  it('with no role in access: the member’s roles do not matter and the command runs', async () => {
    rig = await startRig({ access: { default: 'admin', roles: ROLES, users: {} } });
    const sent = rig.fake.sendInteraction(
      chatInput(OPERATOR, 'create', { account: 'rong', room: 'fc-noroles' }, { memberless: true }),
    );
    await rig.until(sent, (cs) => cs.some(isEdit));
    expect(rig.runtime.emulators.rongcloud.rooms.has('fc-noroles')).toBe(true);
  });
});
