import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { createIflychatEmulator } from '../../src/sandbox/iflychat/emulator.js';
import { createWatchersEmulator } from '../../src/sandbox/watchers/emulator.js';
import { iflychatAccount } from '../../src/vendors/account.js';
import { createIflychatClient } from '../../src/vendors/iflychat/client.js';
import {
  checkPageRequest,
  decodeCursor,
  encodeCursor,
  PageRequestError,
  pageLocally,
} from '../../src/vendors/local-page.js';
import { createWatchersClient } from '../../src/vendors/watchers/client.js';

describe('local paging (properties)', () => {
  it('following cursors visits every item exactly once, in order, at most limit per page', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        (items, limit) => {
          const seen: number[] = [];
          let cursor: string | undefined;
          for (let guard = 0; guard <= items.length + 1; guard++) {
            const request = checkPageRequest(cursor === undefined ? { limit } : { limit, cursor }, 'Test');
            const page = pageLocally(items, request);
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items);
            cursor = page.cursor;
            if (cursor === undefined) break;
          }
          expect(seen).toEqual(items);
        },
      ),
    );
  });

  it('a cursor round-trips any offset, and only the form it was written in is taken', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (n) => {
        expect(decodeCursor(encodeCursor(n), 'Test')).toBe(n);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        let decoded: number;
        try {
          decoded = decodeCursor(s, 'Test');
        } catch (e) {
          expect(e).toBeInstanceOf(PageRequestError);
          expect((e as PageRequestError).field).toBe('cursor');
          return;
        }
        expect(encodeCursor(decoded)).toBe(s);
      }),
    );
  });

  it('names the field and the expected form for a bad limit or cursor', () => {
    expect(() => checkPageRequest({ limit: 0 }, 'Test')).toThrow(
      /limit must be a whole number from 1 up, not 0/,
    );
    const error = (() => {
      try {
        checkPageRequest({ cursor: '-1' }, 'Watchers');
      } catch (e) {
        return e as PageRequestError;
      }
      throw new Error('a negative cursor was taken');
    })();
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/not a Watchers list cursor/);
    expect(error.expected).toBe('the cursor from the previous page');
  });
});

describe('both complete-list vendors check limit and cursor before sending', () => {
  const ifly = createIflychatEmulator();
  const watchers = createWatchersEmulator();
  let iflyUrl = '';
  let watchersUrl = '';
  beforeAll(async () => {
    iflyUrl = await ifly.start(0);
    watchersUrl = await watchers.start(0);
  });
  afterAll(async () => {
    await ifly.stop();
    await watchers.stop();
  });

  it('iFlyChat and Watchers refuse a cursor they did not hand out, with nothing sent', async () => {
    const iflyClient = createIflychatClient(
      iflychatAccount.parse({
        vendor: 'iflychat',
        apiKey: SANDBOX_CREDENTIALS.iflychat.apiKey,
        baseUrl: iflyUrl,
      }),
      'ifly',
    );
    const watchersClient = createWatchersClient(
      { vendor: 'watchers', baseUrl: watchersUrl, timeoutMs: 2000, ...SANDBOX_CREDENTIALS.watchers },
      'watch',
    );
    try {
      for (const client of [iflyClient, watchersClient]) {
        await expect(client.listRooms({ limit: 2, cursor: 'aWZseTox' })).rejects.toBeInstanceOf(
          PageRequestError,
        );
        await expect(client.listRooms({ limit: 1.5 })).rejects.toMatchObject({ field: 'limit' });
      }
      expect(ifly.server.log).toHaveLength(0);
      expect(watchers.server.log).toHaveLength(0);
      const first = await watchersClient.listRooms({ limit: 1 });
      expect(first.items).toHaveLength(1);
      expect(first.cursor).toBe('1');
    } finally {
      await iflyClient.close();
      await watchersClient.close();
    }
  });
});
