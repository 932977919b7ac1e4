/**
 * The vendor id rules (src/vendors/id-rules.ts, src/vendors/<vendor>/ids.ts):
 * ids that could change a URL path are refused for every vendor and kind, each
 * vendor's own charset and length apply, and the message names the id safely.
 */
import { describe, expect, it } from 'vitest';
import { idProblem, pathSafetyProblem, quoteId, VENDOR_ID_RULES } from '../../src/vendors/id-rules.js';
import { VENDORS } from '../../src/vendors/types.js';

/** Ids that would change a URL path or its meaning, whatever the vendor. */
const HOSTILE = [
  '.',
  '..',
  '...',
  'a/b',
  '../x',
  'a\\b',
  'room?x=1',
  'room#x',
  '%2e%2e',
  'a%2Fb',
  'a b',
  'a\tb',
  'a\u00a0b',
  'a\u2028b',
  'a\u001bb',
  'a\u0085b',
  'a\u200bb',
  '',
];

describe('path safety', () => {
  it.each(HOSTILE)('refuses %j for every vendor and kind', (id) => {
    expect(pathSafetyProblem(id)).toBeDefined();
    for (const vendor of [...VENDORS, null]) {
      for (const kind of ['room', 'user'] as const) {
        expect(idProblem(vendor, kind, id), `${vendor} ${kind}`).toBeDefined();
      }
    }
  });

  it('says why: dots only, a reserved character, whitespace, a control character', () => {
    expect(idProblem('agora', 'user', '..')).toBe(
      '".." is not an Agora username (dots only); expected 1–64 of a-z 0-9 _ - . (lower case), e.g. alice',
    );
    expect(idProblem('watchers', 'room', 'a/b')).toContain('("/" is not allowed)');
    expect(idProblem('iflychat', 'user', 'a b')).toContain('(whitespace)');
    expect(idProblem('rongcloud', 'user', 'a\u001bb')).toContain('(a control character)');
  });

  it('allows dots inside a name where the vendor does (Agora usernames)', () => {
    expect(idProblem('agora', 'user', 'j.doe')).toBeUndefined();
    expect(idProblem('agora', 'user', '.hidden')).toBeUndefined();
  });
});

describe('each vendor’s own rules', () => {
  const cases: [(typeof VENDORS)[number], 'room' | 'user', string[], string[]][] = [
    ['iflychat', 'room', ['0', '5', '123456789012345'], ['x', '-1', '1.5', '1234567890123456']],
    ['iflychat', 'user', ['14', '0-14358329043yvbs', 'Ünïcode'], ['x'.repeat(129)]],
    [
      'rongcloud',
      'room',
      ['lobby-42', 'A_b+c=d', 'x'.repeat(64)],
      ['x'.repeat(65), 'lobby.42', 'café', 'a,b'],
    ],
    ['rongcloud', 'user', ['host1', 'a|b'], ['a.b', 'a@b', 'x'.repeat(65)]],
    ['watchers', 'room', ['match-day', 'Concert.Live', 'x'.repeat(128)], ['x'.repeat(129)]],
    ['watchers', 'user', ['fan-17', 'user@example'], ['x'.repeat(129)]],
    ['agora', 'room', ['66213271109633', 'custom42'], ['Custom', 'a-b', 'x'.repeat(65)]],
    ['agora', 'user', ['alice', 'ops-bot', 'a_b.c'], ['Bob', 'a@b', 'x'.repeat(65)]],
  ];
  it.each(cases)('%s %s ids', (vendor, kind, good, bad) => {
    for (const id of good) expect(idProblem(vendor, kind, id), id).toBeUndefined();
    for (const id of bad) {
      const problem = idProblem(vendor, kind, id);
      expect(problem, id).toContain(`expected ${VENDOR_ID_RULES[vendor][kind].expected}`);
    }
  });
});

describe('quoteId', () => {
  it('shows control, invisible and separator characters as escapes and cuts long ids', () => {
    expect(quoteId('a\u001b[2Jb')).toBe('"a\\u{1b}[2Jb"');
    expect(quoteId('a\u202eb\u2028')).toBe('"a\\u{202e}b\\u{2028}"');
    expect(quoteId('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
  });
});
