/**
 * Watchers' only room list (`GET /room/premade`) returns every SOON/LIVE room
 * at once. RoomOps' `limit`/`cursor` are applied here: the cursor is the
 * offset of the next page in that list, which is sorted by `startTime`, so
 * pages stay stable unless rooms are added or end in between.
 */
import type { Page, PageRequest } from '../types.js';
import { invalidCursorError } from './errors.js';

export function pageOf<T>(all: readonly T[], request: PageRequest): Page<T> {
  let offset = 0;
  if (request.cursor !== undefined) {
    if (!/^\d{1,9}$/.test(request.cursor)) throw invalidCursorError(request.cursor);
    offset = Number(request.cursor);
  }
  const end = request.limit !== undefined && request.limit > 0 ? offset + request.limit : all.length;
  const items = all.slice(offset, end);
  return end < all.length ? { items, cursor: String(end) } : { items };
}
