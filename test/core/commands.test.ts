/**
 * The command files are the one source of truth: help covers each, each
 * example parses and validates against the sandbox accounts, the clients
 * declare the capability matrix, and every form has the kind DESIGN.md fixes.
 */
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import type { AccountRef } from '../../src/core/command-spec.js';
import { helpText, overviewText } from '../../src/core/help-text.js';
import { parseCommandText } from '../../src/core/parse/index.js';
import { supportedActions, supportsCommand } from '../../src/core/support.js';
import type { Kind } from '../../src/core/types.js';
import { jobRequest } from '../../src/core/jobs/job-request.js';
import { validateInvocation } from '../../src/core/validate.js';
import { sandboxAccounts } from '../../src/sandbox/sandbox-emulators.js';
import { VENDOR_CAPABILITIES, VENDOR_TRAITS } from '../../src/vendors/capabilities.js';
import { createVendorClient } from '../../src/vendors/create-client.js';
import type { VendorName } from '../../src/vendors/types.js';

const URLS = {
  iflychat: 'http://127.0.0.1:9',
  rongcloud: 'http://127.0.0.1:9',
  watchers: 'http://127.0.0.1:9',
  agora: 'http://127.0.0.1:9',
};
const ACCOUNTS = sandboxAccounts(URLS);
const ACCOUNT_MAP: ReadonlyMap<string, AccountRef> = new Map(
  Object.entries(ACCOUNTS).map(([name, config]) => [name, { name, vendor: config.vendor, config }]),
);

function validate(text: string) {
  const parsed = parseCommandText(text);
  if (!parsed.ok) throw parsed.error;
  // A selector or schedule is validated as the engine does: with a stand-in room, without at=/in=/grace=.
  const job = jobRequest(parsed.value, COMMANDS, ACCOUNT_MAP, new Date());
  return validateInvocation(job?.forValidation ?? parsed.value, COMMANDS, ACCOUNT_MAP);
}

const commandFiles = readdirSync(fileURLToPath(new URL('../../commands/', import.meta.url)))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => basename(f, '.ts'));

describe('commands/', () => {
  it('has one command per file, all registered, in the order help lists them', () => {
    expect(COMMANDS.map((c) => c.name).sort()).toEqual([...commandFiles].sort());
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  it('help covers every command: the overview lists each, and each has its own page with usage and examples', () => {
    const overview = overviewText(COMMANDS);
    for (const spec of COMMANDS) {
      expect(overview, spec.name).toContain(spec.usage);
      const page = helpText(spec);
      expect(page).toContain(spec.usage);
      expect(page).toContain(spec.summary);
      for (const example of spec.examples)
        expect(page, `${spec.name}: ${example.text}`).toContain(example.text);
      expect(spec.examples.length, `${spec.name} has examples`).toBeGreaterThan(0);
    }
  });

  it('every example parses and validates against the sandbox accounts, for the vendor it names', () => {
    const problems: string[] = [];
    for (const spec of COMMANDS) {
      for (const example of spec.examples) {
        try {
          const invocation = validate(example.text);
          expect(invocation.spec.name).toBe(spec.name);
          if (example.vendor) expect(invocation.account?.vendor, example.text).toBe(example.vendor);
        } catch (error) {
          problems.push(`${example.text}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every vendor named in an example is one that supports the command', () => {
    for (const spec of COMMANDS) {
      for (const example of spec.examples) {
        if (example.vendor) expect(supportsCommand(spec, example.vendor), example.text).toBe(true);
      }
    }
  });

  it('the actions each vendor supports follow the capability matrix (list everywhere: RongCloud from the inventory)', () => {
    expect(supportedActions(COMMANDS, 'iflychat')).toEqual([
      'create',
      'list',
      'info',
      'update',
      'delete',
      'announce',
      'members',
      'kick',
      'history',
    ]);
    expect(supportedActions(COMMANDS, 'rongcloud')).toEqual([
      'create',
      'list',
      'info',
      'update',
      'delete',
      'mute',
      'keepalive',
      'members',
      'kick',
    ]);
    expect(supportedActions(COMMANDS, 'watchers')).toEqual([
      'create',
      'list',
      'info',
      'delete',
      'status',
      'voice',
      'announce',
      'kick',
    ]);
    expect(supportedActions(COMMANDS, 'agora')).toEqual([
      'create',
      'list',
      'info',
      'update',
      'delete',
      'mute',
      'announce',
      'members',
      'kick',
    ]);
  });
});

describe('capabilities', () => {
  it("every client's capabilities equal VENDOR_CAPABILITIES", async () => {
    for (const [name, config] of Object.entries(ACCOUNTS)) {
      const client = await createVendorClient(name, config);
      try {
        expect([...client.capabilities].sort(), name).toEqual(
          [...VENDOR_CAPABILITIES[config.vendor as VendorName]].sort(),
        );
      } finally {
        await client.close();
      }
    }
  });

  it("every client's traits equal VENDOR_TRAITS; a vendor has a room list exactly when it can list", async () => {
    for (const [name, config] of Object.entries(ACCOUNTS)) {
      const vendor = config.vendor as VendorName;
      const client = await createVendorClient(name, config);
      try {
        expect(client.traits, name).toEqual(VENDOR_TRAITS[vendor]);
        expect(client.createKey, name).toBe(VENDOR_TRAITS[vendor].createKey);
        expect(client.traits.roomList === 'none', name).toBe(!VENDOR_CAPABILITIES[vendor].has('list'));
      } finally {
        await client.close();
      }
    }
  });

  it('the create positional follows the vendor’s createKey: a name, or the caller’s own id', () => {
    expect(validate('create ifly "Launch party"').args).toMatchObject({ name: 'Launch party' });
    expect(validate('create agora "Town hall" owner=alice').args).toMatchObject({ name: 'Town hall' });
    expect(validate('create rong lobby-42').args).toMatchObject({ room: 'lobby-42' });
    expect(validate('create watch match-day name="Match day" about="Live"').args).toMatchObject({
      room: 'match-day',
      name: 'Match day',
    });
    expect(() => validate('create rong two words')).toThrow();
  });

  it('only a site-wide kick carries a warning on its prompt', () => {
    const kick = COMMANDS.find((c) => c.name === 'kick')!;
    expect(kick.warning?.({}, 'iflychat')).toMatch(/site-wide/);
    for (const vendor of ['rongcloud', 'watchers', 'agora'] as const)
      expect(kick.warning?.({}, vendor)).toBeUndefined();
  });

  it('an action a vendor lacks is refused at validation, naming what it supports', () => {
    expect(() => validate('status agora 1 LIVE')).toThrow(/supports: .*create/);
    expect(() => validate('history rong lobby')).toThrow(/supports/);
    expect(() => validate('members watch match-day')).toThrow(/supports/);
    expect(() => validate('members rong lobby add bob')).toThrow();
  });

  it('bad settings are input errors naming the field (no vendor request can follow)', () => {
    expect(() => validate('create agora Lobby colour=red')).toThrow(/colour/);
    expect(() => validate('kick watch concert-live troll-3 reason=whatever')).toThrow(
      /reason: expected a number 0–8/,
    );
    expect(validate('kick watch concert-live troll-3 reason=flood').args.reason).toBe('flood');
    expect(() => validate('update agora 1 maxusers=0')).toThrow(/maxusers/);
    expect(() => validate('update ifly 1')).toThrow(/nothing to change/);
    expect(validate('update ifly 1 name=Hall').args).toEqual({ room: '1', room_name: 'Hall' });
  });
});

describe('kinds (DESIGN.md "Kinds")', () => {
  const TABLE: [string, Kind][] = [
    // destructive
    ['delete agora 66213271109633', 'destructive'],
    ['delete rong lobby,support-1', 'destructive'],
    ['kick ifly 1 14', 'destructive'],
    ['kick rong lobby alice', 'destructive'],
    ['status watch match-day ENDED', 'destructive'],
    ['status watch match-day DISABLED', 'destructive'],
    ['mute agora 66213271109633', 'destructive'],
    ['mute rong lobby on', 'destructive'],
    ['members agora 66213271109633 remove dave', 'destructive'],
    ['keepalive rong lobby off', 'destructive'],
    ['update rong lobby destroyType=1', 'destructive'],
    ['update rong lobby destroyTime=240', 'destructive'],
    // write
    ['create ifly Lobby', 'write'],
    ['create rong lobby-2', 'write'],
    ['create watch show-1 name=Show about=Live', 'write'],
    ['create agora "Town hall"', 'write'],
    ['update ifly 1 name=Hall', 'write'],
    ['update agora 66213271109633 maxusers=800', 'write'],
    ['status watch match-day LIVE', 'write'],
    ['status watch match-day SOON', 'write'],
    ['voice watch match-day on', 'write'],
    ['voice watch match-day off', 'write'],
    ['mute agora 66213271109633 off', 'write'],
    ['mute rong lobby off', 'write'],
    ['keepalive rong lobby on', 'write'],
    ['announce agora 66213271109633 "Doors open"', 'write'],
    ['announce ifly 1 "Maintenance"', 'write'],
    ['members agora 66213271109633 add bob carol', 'write'],
    // read
    ['help', 'read'],
    ['help delete', 'read'],
    ['accounts', 'read'],
    ['audit', 'read'],
    ['audit account=rong action=delete limit=5', 'read'],
    ['list agora', 'read'],
    ['list rong', 'read'],
    ['info watch match-day,concert-live', 'read'],
    ['announce agora 66213271109633', 'read'],
    ['members agora 66213271109633', 'read'],
    ['members ifly 1', 'read'],
    ['history ifly 1 limit=5', 'read'],
  ];

  it.each(TABLE)('%s → %s', (text, kind) => {
    expect(validate(text).kind).toBe(kind);
  });

  it('a dry-run keeps the kind of its form', () => {
    const invocation = validate('delete agora 66213271109633 --dry-run');
    expect(invocation.dryRun).toBe(true);
    expect(invocation.kind).toBe('destructive');
  });
});
