/**
 * Muting for a delete with a grace period, and unmuting at its undo, so that
 * an undo puts each room back as it was (DESIGN.md "Delete with a grace
 * period"): a room a moderator had muted before stays muted. The state is
 * read first; a room whose state the vendor does not tell (Agora reports
 * `mute` on some rooms only) is muted and then left muted at undo, the side
 * that never lifts someone else's mute.
 */
import { isVendorError } from '../../vendors/errors.js';
import type { VendorClient } from '../../vendors/types.js';

/** What a grace delete did to each room's mute, kept with the job (`JobInvocation.grace`). */
export interface GraceMutes {
  /** Rooms RoomOps muted, that were not muted before: an undo unmutes exactly these. */
  muted: string[];
  /** Rooms already muted before: not touched now, left muted at undo. */
  mutedBefore?: string[];
  /** Rooms muted now whose earlier state the vendor did not tell: left muted at undo. */
  unknownBefore?: string[];
  /** Rooms that could not be muted: nothing to undo there. */
  notMuted?: string[];
}

/** What `planGraceMutes` read: the record to keep before anything is muted, and what to say. */
export interface GraceMutePlan {
  /** Planned as if every mute works; `muteForGrace` corrects it. */
  planned: GraceMutes;
  warnings: string[];
}

/**
 * Reads each room's mute-all state. Kept before any mute is sent, the plan is
 * already safe: an undo then unmutes only rooms read as not muted.
 */
export async function planGraceMutes(client: VendorClient, rooms: readonly string[]): Promise<GraceMutePlan> {
  const muted: string[] = [];
  const mutedBefore: string[] = [];
  const unknownBefore: string[] = [];
  const warnings: string[] = [];
  const states = new Map<string, boolean | undefined>();
  try {
    for (const outcome of await client.getMuteAll(rooms)) {
      if (outcome.ok) states.set(outcome.id, outcome.value);
      else warnings.push(unknownWarning(outcome.id, `reading it failed: ${outcome.error.message}`));
    }
  } catch (error) {
    if (!isVendorError(error)) throw error;
    warnings.push(`could not read whether the rooms were muted before (${error.message})`);
  }
  for (const room of new Set(rooms)) {
    const state = states.get(room);
    if (state === true) mutedBefore.push(room);
    else if (state === false) muted.push(room);
    else {
      unknownBefore.push(room);
      if (states.has(room)) warnings.push(unknownWarning(room, 'the vendor does not say'));
    }
  }
  return {
    planned: {
      muted,
      ...(mutedBefore.length ? { mutedBefore } : {}),
      ...(unknownBefore.length ? { unknownBefore } : {}),
    },
    warnings,
  };
}

/** Mutes the planned rooms; the record as it now stands (a room that failed moves to `notMuted`). */
export async function muteForGrace(
  client: VendorClient,
  planned: GraceMutes,
): Promise<{ mutes: GraceMutes; warnings: string[] }> {
  const failed = new Set<string>();
  const warnings: string[] = [];
  for (const room of [...planned.muted, ...(planned.unknownBefore ?? [])]) {
    const why = await setMuteAll(client, room, true);
    if (why === undefined) continue;
    failed.add(room);
    warnings.push(`could not mute ${room}: ${why}; it is not muted, and an undo leaves it as it is`);
  }
  if (failed.size === 0) return { mutes: planned, warnings };
  const unknownBefore = (planned.unknownBefore ?? []).filter((r) => !failed.has(r));
  return {
    mutes: {
      muted: planned.muted.filter((r) => !failed.has(r)),
      ...(planned.mutedBefore ? { mutedBefore: planned.mutedBefore } : {}),
      ...(unknownBefore.length ? { unknownBefore } : {}),
      notMuted: [...(planned.notMuted ?? []), ...failed],
    },
    warnings,
  };
}

/** What an undo did: the rooms unmuted, the ones left muted as they were, and what failed. */
export interface GraceUndo {
  unmuted: string[];
  leftMuted: string[];
  warnings: string[];
}

/** Unmutes only the rooms RoomOps muted for the delete. */
export async function unmuteAfterUndo(client: VendorClient, mutes: GraceMutes): Promise<GraceUndo> {
  const unmuted: string[] = [];
  const warnings: string[] = [];
  for (const room of mutes.muted) {
    const why = await setMuteAll(client, room, false);
    if (why === undefined) unmuted.push(room);
    else warnings.push(`could not unmute ${room}: ${why}`);
  }
  const leftMuted = [...(mutes.mutedBefore ?? []), ...(mutes.unknownBefore ?? [])];
  if (mutes.unknownBefore?.length)
    warnings.push(
      `left muted because whether they were muted before is not known: ${mutes.unknownBefore.join(', ')} (unmute by hand with \`mute <account> <room> off\` if they were not)`,
    );
  return { unmuted, leftMuted, warnings };
}

/** Undefined when it worked, else why not in a few words. */
async function setMuteAll(client: VendorClient, room: string, on: boolean): Promise<string | undefined> {
  try {
    await client.setMuteAll(room, on);
    return undefined;
  } catch (error) {
    return isVendorError(error) ? error.message : 'unexpected error';
  }
}

function unknownWarning(room: string, why: string): string {
  return `could not tell whether ${room} was muted before (${why}): it is muted now and an undo leaves it muted`;
}
