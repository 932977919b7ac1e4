import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoUtc } from '../../src/sandbox/watchers/validate.js';
import { InputError } from '../../src/shared/coded-error.js';
import { pageOf } from '../../src/vendors/watchers/paging.js';
import {
  BAN_REASONS,
  encodeBanBody,
  encodeBanReason,
  encodeCreateBody,
  roomPath,
  toRoom,
  toWatchersTime,
} from '../../src/vendors/watchers/wire.js';

const dates = fc.date({
  min: new Date('1970-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
const settingValue = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.integer(),
  dates,
  fc.array(fc.string(), { maxLength: 3 }),
);
const settingKey = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((k) => k !== 'roomId' && k !== '__proto__');

describe('Watchers wire encodings (properties)', () => {
  it('sends every time as ISO 8601 UTC with Z, which the vendor format accepts and which round-trips', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const wire = toWatchersTime(date);
        expect(wire).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(parseIsoUtc(wire)?.getTime()).toBe(date.getTime());
      }),
    );
  });

  it('create body: roomId is the caller id, Dates become wire times, other values unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.dictionary(settingKey, settingValue),
        (roomId, settings) => {
          const body = encodeCreateBody(roomId, settings);
          expect(body.roomId).toBe(roomId);
          expect(body.isSpeak).toBe('isSpeak' in settings ? settings.isSpeak : false);
          for (const [key, value] of Object.entries(settings)) {
            if (value instanceof Date) expect(body[key]).toBe(value.toISOString());
            else expect(body[key]).toEqual(value);
          }
          expect(JSON.parse(JSON.stringify(body))).toEqual(body);
        },
      ),
    );
  });

  it('create body: a roomId setting never overrides the caller id', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (key, other) => {
        expect(encodeCreateBody(key, { roomId: other }).roomId).toBe(key);
      }),
    );
  });

  it('ban body is always an IN_ROOM ban of that user in that room', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.dictionary(settingKey, settingValue),
        (room, user, settings) => {
          const body = encodeBanBody(room, user, { ...settings, type: 'IN_APP', value: false, userId: 'x' });
          expect(body).toMatchObject({ roomId: room, userId: user, value: true, type: 'IN_ROOM' });
        },
      ),
    );
  });

  it('ban reasons: names (any case) and numeric strings become the documented numbers', () => {
    BAN_REASONS.forEach((name, index) => {
      expect(encodeBanReason(name)).toBe(index);
      expect(encodeBanReason(name.toLowerCase())).toBe(index);
      expect(encodeBanReason(String(index))).toBe(index);
      expect(encodeBanReason(index)).toBe(index);
    });
    expect(encodeBanReason('rudeness')).toBe('rudeness');
  });

  it('room paths keep any id as one path segment', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        const path = roomPath(id);
        const segment = path.slice('/external/room/'.length);
        expect(segment).not.toContain('/');
        expect(segment).not.toContain('?');
        expect(decodeURIComponent(segment)).toBe(id);
      }),
    );
  });

  it('rooms come back with the caller id as a string id and the internal id kept', () => {
    fc.assert(
      fc.property(fc.nat(), fc.oneof(fc.string(), fc.nat()), fc.option(fc.string()), (id, external, name) => {
        const room = toRoom({ id, externalRoomId: String(external), status: 'LIVE', name });
        expect(room.id).toBe(String(external));
        expect(room.internalId).toBe(id);
        if (typeof name === 'string') expect(room.name).toBe(name);
        else expect('name' in room).toBe(false);
      }),
    );
  });

  it('following list cursors visits every room exactly once, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (all, limit) => {
        const seen: number[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard <= all.length + 1; guard++) {
          const page = pageOf(all, cursor === undefined ? { limit } : { limit, cursor });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items);
          cursor = page.cursor;
          if (cursor === undefined) break;
        }
        expect(seen).toEqual(all);
      }),
    );
  });

  it('refuses a cursor it did not hand out', () => {
    expect(() => pageOf([1, 2], { cursor: 'abc' })).toThrow(InputError);
    expect(() => pageOf([1, 2], { cursor: '-1' })).toThrow(/not a Watchers list cursor/);
  });
});
