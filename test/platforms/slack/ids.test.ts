/**
 * Issue 8.1 through Slack: signed `/room` commands into the real Bolt app.
 * An id that could change a vendor URL gets a private invalid_input answer
 * naming the field, never a confirmation prompt, and no emulator sees a request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SlackHarness, shown } from './harness.js';

let h: SlackHarness;
const townHall = () => [...h.runtime.emulators.agora.rooms.values()].find((r) => r.name === 'Town hall')!.id;
/** Requests the four vendor emulators have answered so far. */
const vendorRequests = () => {
  const { agora, iflychat, rongcloud, watchers } = h.runtime.emulators;
  return [agora, iflychat, rongcloud, watchers].reduce((sum, e) => sum + e.server.log.length, 0);
};

beforeAll(async () => {
  h = await SlackHarness.start();
});
afterAll(async () => h?.close());

describe('/room with ids that would change a vendor URL', () => {
  it('members agora <room> remove .. is refused privately, with no prompt, and the room stays', async () => {
    const room = townHall();
    const before = vendorRequests();
    const post = await h.ask(`members agora ${room} remove ..`, ADMIN);
    expect(post.body.response_type).toBe('ephemeral');
    expect(shown(post)).toContain('invalid_input');
    // shown() is the message as JSON: the quotes around the id are escaped there.
    expect(shown(post)).toContain('user: \\"..\\" is not an Agora username (dots only)');
    expect(shown(post)).not.toContain('room_confirm');
    expect(vendorRequests()).toBe(before);
    expect(h.runtime.emulators.agora.rooms.has(room)).toBe(true);
  });

  it.each([
    ['members agora .. remove alice', 'room'],
    ['create agora Hall owner=..', 'owner'],
    ['delete ifly ..', 'room'],
    ['kick ifly 1 ../2', 'user'],
    ['delete rong a/b', 'room'],
    ['kick rong lobby ..', 'user'],
    ['delete watch %2e%2e', 'room'],
    ['kick watch match-day ..', 'user'],
  ])('%s → invalid_input naming %s, nothing sent', async (text, field) => {
    const before = vendorRequests();
    const post = await h.ask(text, ADMIN);
    expect(post.body.response_type).toBe('ephemeral');
    expect(shown(post)).toContain('invalid_input');
    expect(shown(post)).toContain(`${field}: `);
    expect(shown(post)).not.toContain('room_confirm');
    expect(vendorRequests()).toBe(before);
  });
});
