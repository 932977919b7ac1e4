/**
 * Undo puts each room back as it was (DESIGN.md "Delete with a grace
 * period"), through the built CLI against the Agora emulator over HTTP, on
 * SQLite and PostgreSQL: a room a moderator muted before the grace delete
 * stays muted after the undo, a room the grace delete muted is unmuted, and a
 * room that could not be muted is reported at once and left alone at undo.
 */
import { describe, expect, it } from 'vitest';
import { parseJson } from '../cli/helpers.js';
import { type JobRig, jobRigPerTest, STORE_BACKENDS } from './harness.js';

/** The mute-all requests (POST mute, DELETE unmute) that reached `room`. */
function muteCalls(rig: JobRig, room: string): string[] {
  return rig.agora.server.log
    .filter((r) => r.path.endsWith(`/chatrooms/${room}/ban`))
    .map((r) => `${r.method} ${r.status}`);
}

describe.each(STORE_BACKENDS)('undo of a grace delete restores each room ($name)', ({ url, skip }) => {
  const rigs = jobRigPerTest();

  it.skipIf(skip)(
    'leaves a room muted before muted, unmutes the one it muted, and never touches one it could not mute',
    async () => {
      const rig = await rigs.start({ storeUrl: await url(), rooms: 3, rateLimit: 50 });
      const [before, fresh, broken] = [...rig.agora.rooms.values()]
        .filter((room) => room.name.startsWith('test-'))
        .map((room) => room.id);
      const room = (id: string) => rig!.agora.rooms.get(id)!;

      // A moderator mutes one room before anyone deletes anything.
      const moderated = await rig.run(`mute agora ${before} on`, '--yes', '--json');
      expect(moderated.code, moderated.stderr).toBe(0);
      expect(room(before!).mute).toBe(true);
      // The vendor refuses to mute the third room.
      rig.agora.server.injectFault({
        kind: 'status',
        status: 403,
        path: `/chatrooms/${broken}/ban`,
        count: 5,
      });

      const created = await rig.run('delete agora match=test-* grace=1h', '--yes', '--no-wait', '--json');
      expect(created.code, created.stderr).toBe(0);
      const answer = parseJson(created);
      expect(answer.result.job.state).toBe('scheduled');
      expect(answer.warnings).toEqual([expect.stringContaining(`could not mute ${broken}`)]);
      expect(room(before!).mute).toBe(true);
      expect(room(fresh!).mute).toBe(true);
      expect(room(broken!).mute).toBe(false);
      // Already muted: nothing sent for it.
      expect(muteCalls(rig, before!)).toEqual(['POST 200']);

      // Someone mutes the broken room by hand during the grace period: the undo must not lift that either.
      rig.agora.server.faults.length = 0;
      room(broken!).mute = true;

      const undo = await rig.run(`jobs cancel ${answer.result.job.id}`, '--json');
      expect(undo.code, undo.stderr).toBe(0);
      const undone = parseJson(undo).result;
      expect(undone.job.state).toBe('cancelled');
      expect(undone.unmuted).toEqual([fresh]);
      expect(undone.leftMuted).toEqual([before]);
      expect(room(before!).mute).toBe(true);
      expect(room(fresh!).mute).toBe(false);
      expect(room(broken!).mute).toBe(true);
      expect(muteCalls(rig, before!)).toEqual(['POST 200']);
      expect(muteCalls(rig, fresh!)).toEqual(['POST 200', 'DELETE 200']);
      expect(muteCalls(rig, broken!).every((call) => call.startsWith('POST'))).toBe(true);
      expect(rig.deletesPerRoom().size).toBe(0);

      // A moderator mutes the undone room again; a second undo must not lift that.
      room(fresh!).mute = true;
      const again = parseJson(await rig.run(`jobs cancel ${answer.result.job.id}`, '--json')).result;
      expect(again.job.state).toBe('cancelled');
      expect(again.unmuted).toEqual([]);
      expect(room(fresh!).mute).toBe(true);
      expect(muteCalls(rig, fresh!)).toEqual(['POST 200', 'DELETE 200']);
    },
    60_000,
  );
});
