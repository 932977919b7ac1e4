/**
 * Issue 8.1 through Discord typed options: the real discord.js client over the
 * fake gateway. A `room` or `user` option (or a `fields` setting) that could
 * change a vendor URL is answered at once, ephemerally, as invalid_input naming
 * the option; no prompt, and no emulator sees a request.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  callbackData,
  embedsOf,
  expectNoMentionsAnywhere,
  isCallback,
  type Rig,
  startRig,
} from './harness.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterEach(() => expectNoMentionsAnywhere(rig.fake));
afterAll(async () => rig?.close());

const townHall = () =>
  [...rig.runtime.emulators.agora.rooms.values()].find((r) => r.name === 'Town hall')!.id;
/** Requests the four vendor emulators have answered so far. */
const vendorRequests = () => {
  const { agora, iflychat, rongcloud, watchers } = rig.runtime.emulators;
  return [agora, iflychat, rongcloud, watchers].reduce((sum, e) => sum + e.server.log.length, 0);
};

/** Discord markdown escapes removed (`invalid\\_input` → `invalid_input`). */
const withoutEscapes = (text: string) => text.replace(/\\(.)/g, '$1');

interface Answer {
  type: number;
  flags: unknown;
  /** The error embed's description and its fields by name. */
  description: string;
  fields: Record<string, string>;
}

/** The immediate answer to a slash command (its interaction callback). */
async function answer(subcommand: string, options: Record<string, string>): Promise<Answer> {
  const sent = rig.slash(ADMIN, subcommand, options);
  const calls = await rig.until(sent, (cs) => cs.some(isCallback));
  const callback = calls.find(isCallback)!;
  const data = callbackData(callback);
  const [embed] = embedsOf(data) as { description?: string; fields?: { name: string; value: string }[] }[];
  // Facts are `**Label:** value` lines of the description, after its text.
  const lines = withoutEscapes(embed?.description ?? '').split('\n');
  const fact = /^\*\*(.+?):\*\* (.*)$/;
  const facts = lines.flatMap((line) => {
    const m = fact.exec(line);
    return m ? [[m[1] as string, (m[2] as string).replace(/^`(.*)`$/, '$1')] as const] : [];
  });
  return {
    type: (callback.body as { type: number }).type,
    flags: data.flags,
    description: lines
      .filter((line) => !fact.test(line))
      .join('\n')
      .trim(),
    fields: Object.fromEntries([
      ...facts,
      ...(embed?.fields ?? []).map((f) => [f.name, withoutEscapes(f.value)] as const),
    ]),
  };
}

describe('/room typed options with ids that would change a vendor URL', () => {
  it('members change=remove user=".." is refused at once, privately, and the room stays', async () => {
    const room = townHall();
    const before = vendorRequests();
    const reply = await answer('members', { account: 'agora', room, change: 'remove', user: '..' });
    expect(reply.type).toBe(4);
    expect(reply.flags).toBe(64);
    expect(reply.fields).toMatchObject({ Error: 'invalid_input', Field: 'user' });
    expect(reply.description).toContain('user: ".." is not an Agora username (dots only); expected');
    expect(vendorRequests()).toBe(before);
    expect(rig.runtime.emulators.agora.rooms.has(room)).toBe(true);
  });

  it.each<[string, Record<string, string>, string]>([
    ['members', { account: 'agora', room: '..', change: 'remove', user: 'alice' }, 'room'],
    ['members', { account: 'agora', room: 'ROOM', change: 'remove', user: 'bob, ../x' }, 'user'],
    ['kick', { account: 'agora', room: 'ROOM', user: '.' }, 'user'],
    ['create', { account: 'agora', name: 'Hall', fields: 'owner=..' }, 'owner'],
    ['delete', { account: 'ifly', room: '..' }, 'room'],
    ['kick', { account: 'ifly', room: '1', user: 'a/../b' }, 'user'],
    ['delete', { account: 'rong', room: 'a/b' }, 'room'],
    ['kick', { account: 'rong', room: 'lobby', user: '..' }, 'user'],
    ['delete', { account: 'watch', room: '%2e%2e' }, 'room'],
    ['kick', { account: 'watch', room: 'match-day', user: 'a?b' }, 'user'],
  ])('/room %s %j → invalid_input naming %s, nothing sent', async (subcommand, options, field) => {
    const withRoom = Object.fromEntries(
      Object.entries(options).map(([k, v]) => [k, v === 'ROOM' ? townHall() : v]),
    );
    const before = vendorRequests();
    const reply = await answer(subcommand, withRoom);
    expect(reply.type).toBe(4);
    expect(reply.flags).toBe(64);
    expect(reply.fields).toMatchObject({ Error: 'invalid_input', Field: field });
    expect(reply.description).toMatch(new RegExp(`^${field}: ".+" is not an? .+; expected `));
    expect(vendorRequests()).toBe(before);
  });
});
