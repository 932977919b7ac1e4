/**
 * Every place a command takes a vendor id — the `room` and `user` positionals
 * and the settings that name users — is checked against the vendor's id rules
 * (src/core/vendor-id-args.ts). A new command or setting that takes an id with
 * an unmarked schema fails here, before a `..` can reach a vendor URL.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { validateInvocation } from '../../src/core/validate.js';
import { vendorIdProblem } from '../../src/core/vendor-id-args.js';
import { sandboxAccounts } from '../../src/sandbox/sandbox-emulators.js';
import { vendorsSupporting } from '../../src/core/support.js';
import type { AccountRef } from '../../src/core/command-spec.js';
import { RoomOpsError } from '../../src/core/errors.js';

/** Settings whose values are vendor user ids. */
const USER_SETTINGS = new Set(['owner', 'members', 'whiteUserIds', 'entryOwnerId']);
const URLS = {
  iflychat: 'http://127.0.0.1:9',
  rongcloud: 'http://127.0.0.1:9',
  watchers: 'http://127.0.0.1:9',
  agora: 'http://127.0.0.1:9',
};
const ACCOUNTS = new Map<string, AccountRef>(
  Object.entries(sandboxAccounts(URLS)).map(([name, config]) => [
    name,
    { name, vendor: config.vendor, config },
  ]),
);
const accountFor = (vendor: string) => [...ACCOUNTS.values()].find((a) => a.vendor === vendor)!;

describe('every id position is checked against the vendor’s rules', () => {
  const positions = COMMANDS.filter((c) => c.takesAccount).flatMap((command) =>
    vendorsSupporting(command).flatMap((vendor) => [
      ...command
        .positionals(vendor)
        .filter((p) => p.name === 'room' || p.name === 'user')
        .map((p) => ({ command: command.name, vendor, field: p.name as string, schema: p.schema })),
      ...Object.entries(command.settings(vendor))
        .filter(([key]) => USER_SETTINGS.has(key))
        .map(([key, s]) => ({ command: command.name, vendor, field: key, schema: s.schema })),
    ]),
  );

  it('finds the positions (so the check below cannot pass empty)', () => {
    const names = new Set(positions.map((p) => `${p.command} ${p.field}`));
    for (const expected of [
      'members room',
      'members user',
      'kick user',
      'delete room',
      'create owner',
      'create room',
    ])
      expect(names).toContain(expected);
  });

  it.each(positions.map((p) => [`${p.command} ${p.field} (${p.vendor})`, p] as const))('%s', (_label, p) => {
    const parsed = p.schema.safeParse('..');
    // Either the schema itself refuses it, or the vendor id check does.
    if (parsed.success) expect(vendorIdProblem(p.schema, parsed.data, p.vendor)).toMatch(/^"\.\." is not /);
  });
});

describe('validateInvocation', () => {
  it('names the field and keeps the other problems of the command', () => {
    const agora = accountFor('agora');
    const members = COMMANDS.find((c) => c.name === 'members')!;
    try {
      validateInvocation(
        {
          action: 'members',
          positionals: [agora.name, '..', 'remove', 'bob', '..'],
          options: {},
          flags: [],
          text: '',
        },
        [members],
        ACCOUNTS,
      );
      throw new Error('expected invalid_input');
    } catch (error) {
      expect(error).toBeInstanceOf(RoomOpsError);
      const e = error as RoomOpsError;
      expect(e.code).toBe('invalid_input');
      expect(e.context.field).toBe('room');
      expect(e.message).toContain('room: ".." is not an Agora chat room id (dots only)');
      expect(e.message).toContain('user: ".." is not an Agora username (dots only)');
    }
  });

  it('accepts the vendors’ real ids', () => {
    const cases: [string, string[]][] = [
      ['kick', ['agora', '66213271109633', 'j.doe']],
      ['kick', ['ifly', '0', '0-14358329043yvbs']],
      ['kick', ['rong', 'lobby-42', 'spammer-7']],
      ['kick', ['watch', 'match-day', 'fan@17']],
    ];
    for (const [action, positionals] of cases) {
      const valid = validateInvocation(
        { action, positionals, options: {}, flags: [], text: '' },
        COMMANDS,
        ACCOUNTS,
      );
      expect(valid.args.user, positionals.join(' ')).toBe(positionals[2]);
    }
  });
});
