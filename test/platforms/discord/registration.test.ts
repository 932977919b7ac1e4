/**
 * The `/room` registration: generated from commands/, option names and types
 * as DESIGN.md fixes them, guild-only, and a bulk overwrite through the real
 * @discordjs/rest against the fake Discord.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.js';
import { buildRoomCommand, registerCommands } from '../../../src/platforms/discord/registration.js';
import { APP_ID, FakeDiscord, GUILD_ID } from '../../fakes/discord/index.js';
import { BOT_TOKEN } from './harness.js';

type Option = {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { value: string }[];
  options?: Option[];
};
const command = buildRoomCommand(COMMANDS);
const subcommands = command.options as Option[];
const sub = (name: string) => subcommands.find((s) => s.name === name)!;
const ALLOWED = new Set([
  'account',
  'room',
  'name',
  'user',
  'text',
  'status',
  'enabled',
  'change',
  'topic',
  'fields',
  // DESIGN.md "Durable jobs": the selector, the schedule and delete's grace period.
  'match',
  'empty',
  'older',
  'at',
  'in',
  'grace',
]);

describe('the /room command JSON', () => {
  it('has one subcommand per action, guild-only', () => {
    expect(command.name).toBe('room');
    expect(subcommands.map((s) => s.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const s of subcommands) expect(s.type).toBe(1);
    expect(command.contexts).toEqual([0]);
    expect(command.integration_types).toEqual([0]);
  });

  it('uses only DESIGN.md option names, within Discord limits, required options first', () => {
    for (const s of subcommands) {
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.description.length).toBeLessThanOrEqual(100);
      const options = s.options ?? [];
      expect(options.length).toBeLessThanOrEqual(25);
      let optionalSeen = false;
      for (const o of options) {
        expect(ALLOWED.has(o.name), `${s.name}.${o.name}`).toBe(true);
        expect(o.description.length).toBeLessThanOrEqual(100);
        if (o.choices) expect(o.autocomplete).toBeFalsy();
        if (!o.required) optionalSeen = true;
        else expect(optionalSeen, `${s.name}.${o.name} required after optional`).toBe(false);
      }
    }
  });

  it('types each option as DESIGN.md says', () => {
    const del = sub('delete').options!;
    expect(del.map((o) => [o.name, o.type, o.required, o.autocomplete])).toEqual([
      ['account', 3, true, true],
      // A selector may stand in for the room, so the room is not required.
      ['room', 3, false, true],
      ['grace', 3, false, undefined],
      ['match', 3, false, undefined],
      ['empty', 5, false, undefined],
      ['older', 3, false, undefined],
      ['at', 3, false, undefined],
      ['in', 3, false, undefined],
    ]);
    expect(
      sub('status')
        .options!.find((o) => o.name === 'status')!
        .choices!.map((c) => c.value),
    ).toEqual(['LIVE', 'SOON', 'ENDED', 'DISABLED']);
    expect(sub('voice').options!.find((o) => o.name === 'enabled')).toMatchObject({
      type: 5,
      required: true,
    });
    expect(sub('mute').options!.find((o) => o.name === 'enabled')).toMatchObject({ type: 5 });
    expect(sub('mute').options!.find((o) => o.name === 'enabled')!.required).toBeFalsy();
    expect(
      sub('members')
        .options!.find((o) => o.name === 'change')!
        .choices!.map((c) => c.value),
    ).toEqual(['add', 'remove']);
    expect(sub('help').options!.map((o) => o.name)).toEqual(['topic']);
    expect(sub('update').options!.map((o) => o.name)).toEqual([
      'account',
      'room',
      'name',
      'fields',
      'match',
      'empty',
      'older',
      'at',
      'in',
    ]);
    expect(sub('list').options!.map((o) => o.name)).toEqual(['account', 'fields']);
    // create's positional is a name for some vendors and a room id for others: neither is required for all.
    const create = sub('create').options!;
    expect(create.find((o) => o.name === 'name')!.required).toBeFalsy();
    expect(create.find((o) => o.name === 'room')!.required).toBeFalsy();
    expect(sub('accounts').options ?? []).toEqual([]);
  });

  it('offers the selector where rooms are taken, at/in where something may change, grace on delete only', () => {
    const names = (name: string) => (sub(name).options ?? []).map((o) => o.name);
    const selector = ['match', 'empty', 'older'];
    for (const name of [
      'info',
      'update',
      'delete',
      'status',
      'voice',
      'mute',
      'keepalive',
      'announce',
      'members',
      'kick',
      'history',
    ])
      expect(names(name), name).toEqual(expect.arrayContaining(selector));
    for (const name of ['create', 'list', 'help', 'accounts', 'jobs', 'audit'])
      for (const option of selector) expect(names(name), name).not.toContain(option);
    for (const name of [
      'create',
      'update',
      'delete',
      'status',
      'voice',
      'mute',
      'keepalive',
      'announce',
      'members',
      'kick',
    ])
      expect(names(name), name).toEqual(expect.arrayContaining(['at', 'in']));
    for (const name of ['info', 'list', 'history', 'help', 'accounts', 'jobs', 'audit'])
      for (const option of ['at', 'in']) expect(names(name), name).not.toContain(option);
    expect(subcommands.filter((s) => names(s.name).includes('grace')).map((s) => s.name)).toEqual(['delete']);
    // Where a selector may stand in for the room, no room option is required.
    for (const s of subcommands)
      if (names(s.name).includes('match'))
        expect(s.options!.find((o) => o.name === 'room')!.required, s.name).toBeFalsy();
  });
});

describe('registerCommands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: BOT_TOKEN });
  });
  afterAll(async () => fake?.close());

  it('bulk-overwrites the guild commands with exactly /room, idempotently', async () => {
    // Other tests in this block also PUT (globally); count only what this test sends.
    const before = fake.calls.length;
    const first = (await registerCommands({
      token: BOT_TOKEN,
      applicationId: APP_ID,
      apiUrl: fake.apiUrl,
      guildId: GUILD_ID,
      specs: COMMANDS,
    })) as { id: string; name: string }[];
    const second = (await registerCommands({
      token: BOT_TOKEN,
      applicationId: APP_ID,
      apiUrl: fake.apiUrl,
      guildId: GUILD_ID,
      specs: COMMANDS,
    })) as { id: string }[];
    const puts = fake.calls.slice(before).filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.path)).toEqual([
      `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
      `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
    ]);
    expect(puts[0]!.authorization).toBe(`Bot ${BOT_TOKEN}`);
    expect(puts[0]!.body).toEqual([command]);
    expect(first.map((c) => c.name)).toEqual(['room']);
    expect(second[0]!.id).toBe(first[0]!.id);
  });

  it('registers globally without a guild', async () => {
    await registerCommands({ token: BOT_TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl });
    expect(fake.calls.at(-1)!.path).toBe(`/applications/${APP_ID}/commands`);
    expect((fake.registered.get('global') as { contexts: number[] }[])[0]!.contexts).toEqual([0]);
  });

  it("is refused by the fake Discord when it breaks Discord's rules (required after optional, > 25 options)", async () => {
    const broken = {
      ...command,
      options: [
        {
          ...subcommands[0]!,
          options: [
            { type: 3, name: 'first', description: 'optional', required: false },
            { type: 3, name: 'second', description: 'required', required: true },
            ...Array.from({ length: 24 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'x' })),
          ],
        },
      ],
    };
    const reply = await fetch(`${fake.apiUrl}/v10/applications/${APP_ID}/commands`, {
      method: 'PUT',
      headers: { authorization: `Bot ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify([broken]),
    });
    expect(reply.status).toBe(400);
    const detail = JSON.stringify(await reply.json());
    expect(detail).toContain('required after an optional option');
    expect(detail).toContain('26 options > 25');
  });

  it('fails on a wrong token', async () => {
    await expect(
      registerCommands({ token: 'wrong', applicationId: APP_ID, apiUrl: fake.apiUrl }),
    ).rejects.toThrow();
  });
});
