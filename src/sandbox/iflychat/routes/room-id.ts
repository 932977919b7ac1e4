import type { EmulatorRequest } from '../../kit/types.js';
import { parseWhole } from '../fields.js';
import type { IflychatState } from '../state.js';

/** The numeric `{id}` of a `room/{id}/…` path when that room exists (room 0 always does). */
export function existingRoomId(state: IflychatState, req: EmulatorRequest): number | undefined {
  const id = parseWhole(req.params.id);
  return id !== undefined && state.roomExists(id) ? id : undefined;
}
