/**
 * Paging for vendors whose list endpoint returns everything at once
 * (iFlyChat `rooms/list` and `room/{id}/users`, iflychat.md §2.2; Watchers
 * `GET /room/premade`): RoomOps hands out `limit` items from an offset and the
 * next offset as the cursor. Limit and cursor are checked before any request.
 */
import { InputError } from '../shared/coded-error.js';
import type { Page, PageRequest } from './types.js';

export interface LocalPageRequest {
  offset: number;
  limit?: number;
}

/** A limit or cursor a local list cannot take: code `invalid_input`, naming the field. */
export class PageRequestError extends InputError {
  override readonly name: string = 'PageRequestError';
  constructor(
    readonly field: 'limit' | 'cursor',
    message: string,
    readonly expected: string,
  ) {
    super(message, { field, expected });
  }
}

/** `vendor` is the display name used in the message, e.g. `iFlyChat`. */
export function checkPageRequest(page: PageRequest, vendor: string): LocalPageRequest {
  const offset = page.cursor === undefined ? 0 : decodeCursor(page.cursor, vendor);
  if (page.limit === undefined) return { offset };
  if (!Number.isInteger(page.limit) || page.limit < 1) {
    throw new PageRequestError(
      'limit',
      `limit must be a whole number from 1 up, not ${page.limit}`,
      'a whole number from 1 up',
    );
  }
  return { offset, limit: page.limit };
}

export function pageLocally<T>(items: readonly T[], request: LocalPageRequest): Page<T> {
  const end = request.limit === undefined ? items.length : request.offset + request.limit;
  const page: Page<T> = { items: items.slice(request.offset, end) };
  if (end < items.length) page.cursor = encodeCursor(end);
  return page;
}

export const encodeCursor = (offset: number): string => String(offset);

/** Only the exact form encodeCursor writes, so a cursor names one offset. */
export function decodeCursor(cursor: string, vendor: string): number {
  if (!/^(0|[1-9]\d{0,8})$/.test(cursor)) {
    throw new PageRequestError(
      'cursor',
      `cursor "${cursor}" is not a ${vendor} list cursor (expected the cursor the previous page returned)`,
      'the cursor from the previous page',
    );
  }
  return Number(cursor);
}
