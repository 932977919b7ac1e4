/**
 * How rooms are shown, for every command that answers with rooms: one room
 * as facts, several as a table.
 */
import { factsOf, tableOf } from '../../src/view/result-parts.js';
import type { ResultView, ViewTable } from '../../src/view/view.js';
import type { Room } from '../../src/vendors/types.js';

export type RoomResult = { room: Room };

export const roomView = (result: RoomResult): ResultView => ({ facts: factsOf(result.room) });

export const roomsTable = (rooms: readonly Room[]): ViewTable =>
  tableOf(rooms, ['id', 'name', 'status', 'source']);
