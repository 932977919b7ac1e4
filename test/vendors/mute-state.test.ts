/**
 * Reading whether everyone in a room is muted (`getMuteAll`), against the
 * emulators over HTTP: RongCloud's get.json always says (`ban`); Agora's room
 * details carry `mute` on some rooms only, and a room without it is
 * `undefined` (not known), never guessed; vendors that cannot mute everyone
 * refuse.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedOperationError } from '../../src/vendors/errors.js';
import { useSandboxClients } from '../helpers/sandbox-clients.js';

const sandbox = useSandboxClients();
const { client } = sandbox;

describe('getMuteAll', () => {
  it("RongCloud: each room's ban state, and an unknown room as that item's error", async () => {
    const rong = await client('rong');
    const states = await rong.getMuteAll(['support-1', 'launch-42', 'no-such-room']);
    expect(states.slice(0, 2)).toEqual([
      { id: 'support-1', ok: true, value: true },
      { id: 'launch-42', ok: true, value: false },
    ]);
    expect(states[2]).toMatchObject({ id: 'no-such-room', ok: false, error: { code: 'vendor_not_found' } });
  });

  it('Agora: the mute flag of each room, and undefined when the details do not carry it', async () => {
    const agora = await client('agora');
    const [muted, open] = [...sandbox.emulators.agora.rooms.values()].slice(0, 2);
    muted!.mute = true;
    open!.mute = false;
    expect(await agora.getMuteAll([muted!.id, open!.id])).toEqual([
      { id: muted!.id, ok: true, value: true },
      { id: open!.id, ok: true, value: false },
    ]);
    // Real Agora rooms often answer without `mute` (agora.md §2.4).
    sandbox.emulators.agora.server.injectFault({
      kind: 'variant',
      path: `/\\/chatrooms\\/${muted!.id}$/`,
      json: { data: [{ id: muted!.id, name: muted!.name, owner: muted!.owner }] },
    });
    expect(await agora.getMuteAll([muted!.id])).toEqual([{ id: muted!.id, ok: true, value: undefined }]);
  });

  it('iFlyChat cannot mute everyone: the read is refused', async () => {
    const ifly = await client('ifly');
    await expect(ifly.getMuteAll(['1'])).rejects.toBeInstanceOf(UnsupportedOperationError);
  });
});
