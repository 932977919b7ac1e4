import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BOOLEAN_EXPECTED,
  booleanValue,
  intValue,
  LIST_EXPECTED,
  listOf,
  listValue,
  parseIsoTime,
  TIME_EXPECTED,
  timeValue,
} from '../../src/core/parse/values.js';

function issue(schema: z.ZodType, input: unknown): string {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return r.error.issues.map((i) => i.message).join('; ');
}

describe('booleanValue', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['Yes', true],
    ['on', true],
    ['ON', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['no', false],
    ['off', false],
    ['Off', false],
    ['0', false],
  ])('reads %s as %s', (raw, expected) => {
    expect(booleanValue.parse(raw)).toBe(expected);
  });

  it.each(['', 'y', 'n', '2', 'enable', 'truee', 'null'])('rejects %j, listing the accepted words', (raw) => {
    expect(issue(booleanValue, raw)).toBe(BOOLEAN_EXPECTED);
  });

  it('composes inside an object schema with the field in the path', () => {
    const r = z.object({ isSpeak: booleanValue }).safeParse({ isSpeak: 'maybe' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['isSpeak'], message: BOOLEAN_EXPECTED });
  });
});

describe('listValue', () => {
  it('splits on commas, trims items and drops empty ones', () => {
    expect(listValue.parse('a, b ,,c,')).toEqual(['a', 'b', 'c']);
    expect(listValue.parse('solo')).toEqual(['solo']);
  });

  it.each(['', ' ', ',', ' , ,'])('rejects %j: at least one item', (raw) => {
    expect(issue(listValue, raw)).toBe(LIST_EXPECTED);
  });

  it('checks each item with listOf, naming the position', () => {
    const ids = listOf(z.string().regex(/^\d+$/, 'expected digits'));
    expect(ids.parse('1,2')).toEqual(['1', '2']);
    const r = ids.safeParse('1,x');
    expect(r.error?.issues[0]).toMatchObject({ path: [1], message: 'expected digits' });
  });
});

describe('timeValue', () => {
  it.each([
    ['2025-06-01T18:30:00Z', '2025-06-01T18:30:00.000Z'],
    ['2025-06-01T18:30Z', '2025-06-01T18:30:00.000Z'],
    ['2025-06-01t18:30:00z', '2025-06-01T18:30:00.000Z'],
    ['2025-06-01T18:30:00+02:00', '2025-06-01T16:30:00.000Z'],
    ['2025-06-01T18:30:00-0530', '2025-06-02T00:00:00.000Z'],
    ['2025-06-01T18:30:00.123456Z', '2025-06-01T18:30:00.123Z'],
    ['2025-06-01T18:30:00.5Z', '2025-06-01T18:30:00.500Z'],
    ['2025-06-01', '2025-06-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['0099-01-01', '0099-01-01T00:00:00.000Z'],
  ])('reads %s', (raw, iso) => {
    expect(timeValue.parse(raw).toISOString()).toBe(iso);
  });

  it.each([
    '2025-06-01T18:30:00', // no zone: refused, not guessed
    '2025-02-30',
    '2025-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-06-01T24:00:00Z',
    '2025-06-01T18:60:00Z',
    '2025-06-01T18:30:60Z',
    '2025-06-01T18:30:00+24:00',
    '2025-6-1',
    '1717266600',
    'tomorrow',
    '',
    '2025-06-01 18:30:00Z',
  ])('rejects %j with an example of what is expected', (raw) => {
    expect(issue(timeValue, raw)).toBe(TIME_EXPECTED);
    expect(TIME_EXPECTED).toMatch(/e\.g\. 2025-06-01T18:30:00Z/);
  });

  it('parseIsoTime returns undefined for invalid text', () => {
    expect(parseIsoTime('nope')).toBeUndefined();
  });
});

describe('intValue', () => {
  const limit = intValue(1, 100);

  it.each([
    ['1', 1],
    ['100', 100],
    ['42', 42],
    [' 7 ', 7],
    ['+5', 5],
  ])('reads %j as %d', (raw, n) => {
    expect(limit.parse(raw)).toBe(n);
  });

  it.each(['0', '101', '-1', '1e2', '0x10', '5.0', '5.5', 'five', '', '99999999999999999999'])(
    'rejects %j, naming the range',
    (raw) => {
      expect(issue(limit, raw)).toBe('expected a whole number from 1 to 100');
    },
  );

  it('supports negative ranges', () => {
    expect(intValue(-10, 10).parse('-10')).toBe(-10);
  });
});
