/**
 * iFlyChat lists (`rooms/list`, `room/{id}/users`) return everything at once
 * (shared/vendors/iflychat.md §2.2), so RoomOps pages locally: `limit` items
 * from an offset, the next offset handed out as an opaque cursor.
 */
import type { Page, PageRequest } from '../types.js';
import { InputError } from '../../shared/coded-error.js';

const CURSOR_PREFIX = 'ifly:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^ifly:(\d{1,9})$/.exec(text);
  if (!match) {
    throw new InputError('cursor is not one an iFlyChat list returned', {
      field: 'cursor',
      expected: 'the cursor from the previous page',
    });
  }
  return Number(match[1]);
}

/** Checks limit and cursor before any request is sent. */
export function checkPageRequest(page: PageRequest): { offset: number; limit?: number } {
  const offset = page.cursor ? decodeCursor(page.cursor) : 0;
  if (page.limit === undefined) return { offset };
  if (!Number.isInteger(page.limit) || page.limit < 1) {
    throw new InputError(`limit must be a whole number from 1 up, not ${page.limit}`, {
      field: 'limit',
      expected: 'a whole number from 1 up',
    });
  }
  return { offset, limit: page.limit };
}

export function pageLocally<T>(items: readonly T[], request: { offset: number; limit?: number }): Page<T> {
  const end = request.limit === undefined ? items.length : request.offset + request.limit;
  const page: Page<T> = { items: items.slice(request.offset, end) };
  if (end < items.length) page.cursor = encodeCursor(end);
  return page;
}
