/**
 * RawInvocation → a validated invocation: the action exists, the account is
 * configured and its vendor supports the action and form, every positional
 * and setting converts. Errors name the field and show the usage.
 */
import type { z } from 'zod';
import { VENDOR_CAPABILITIES, VENDOR_LABEL } from '../vendors/capabilities.js';
import type { VendorName } from '../vendors/types.js';
import type { AccountRef, CommandSpec, PositionalSpec } from './command-spec.js';
import { RoomOpsError } from './errors.js';
import { supportedActions, supportsCommand } from './support.js';
import { vendorIdProblem } from './vendor-id-args.js';
import type { Visibility } from './outcome.js';
import type { Kind, RawInvocation } from './types.js';

export interface ValidInvocation {
  spec: CommandSpec;
  account: AccountRef | null;
  args: Record<string, unknown>;
  kind: Kind;
  rooms: string[];
  dryRun: boolean;
  raw: RawInvocation;
}

/** Flags the text grammar knows; `yes` and `json` only mean something to the CLI. */
const KNOWN_FLAGS = new Set(['dry-run', 'yes', 'json']);

export function validateInvocation(
  raw: RawInvocation,
  commands: readonly CommandSpec[],
  accounts: ReadonlyMap<string, AccountRef>,
): ValidInvocation {
  const spec = commands.find((c) => c.name === raw.action);
  if (!spec) {
    throw new RoomOpsError(
      'unknown_action',
      `There is no action "${raw.action}". Actions: ${commands.map((c) => c.name).join(', ')}.`,
      {
        field: 'action',
        usage: 'help',
      },
    );
  }
  for (const flag of raw.flags) {
    if (!KNOWN_FLAGS.has(flag)) {
      throw new RoomOpsError(
        'invalid_input',
        `Unknown flag --${flag}; flags are --dry-run (and --yes, --json for roomops run).`,
        {
          field: `--${flag}`,
          usage: spec.usage,
        },
      );
    }
  }

  const words = [...raw.positionals];
  let account: AccountRef | null = null;
  if (spec.takesAccount) {
    const name = words.shift();
    const known = [...accounts.keys()].join(', ') || 'none configured';
    if (!name) {
      throw new RoomOpsError('invalid_input', `${spec.name} needs an account: one of ${known}.`, {
        field: 'account',
        usage: spec.usage,
      });
    }
    account = accounts.get(name) ?? null;
    if (!account) {
      throw new RoomOpsError('unknown_account', `No account called "${name}". Accounts: ${known}.`, {
        field: 'account',
        usage: spec.usage,
      });
    }
    if (!supportsCommand(spec, account.vendor)) throw unsupported(spec.name, account, commands);
  }

  const vendor = account?.vendor ?? null;
  const issues: string[] = [];
  let firstField: string | undefined;
  const fail = (field: string, message: string) => {
    firstField ??= field;
    issues.push(`${field}: ${message}`);
  };

  const args: Record<string, unknown> = {};
  assignPositionals(spec.positionals(vendor), words, args, fail, vendor);
  const settings = spec.settings(vendor);
  for (const [key, value] of Object.entries(raw.options)) {
    const setting = settings[key];
    if (!setting) {
      const accepted = Object.keys(settings);
      const where = vendor ? ` at ${VENDOR_LABEL[vendor]}` : '';
      fail(
        key,
        `not a setting of ${spec.name}${where}; ${accepted.length ? `expected one of ${accepted.join(', ')}` : 'it takes none'}`,
      );
      continue;
    }
    convert(setting.schema, value, key, args, fail, vendor);
  }
  if (issues.length === 0 && spec.finalize) {
    // finalize returns the whole new args: keys it dropped (an alias it renamed) must go too.
    const finalized = spec.finalize(args, account, fail);
    for (const key of Object.keys(args)) if (!(key in finalized)) delete args[key];
    Object.assign(args, finalized);
  }
  if (issues.length) {
    throw new RoomOpsError('invalid_input', issues.join('; '), {
      ...(firstField ? { field: firstField } : {}),
      usage: spec.usage,
    });
  }
  for (const key of Object.keys(args)) if (args[key] === undefined) delete args[key];

  if (account && spec.formOperation) {
    const op = spec.formOperation(args);
    if (!VENDOR_CAPABILITIES[account.vendor].has(op)) {
      throw new RoomOpsError(
        'unsupported_action',
        `${VENDOR_LABEL[account.vendor]} (account ${account.name}) cannot do that form of ${spec.name} (${op}). It supports: ${[...VENDOR_CAPABILITIES[account.vendor]].join(', ')}.`,
        { field: 'action', usage: spec.usage },
      );
    }
  }

  return {
    spec,
    account,
    args,
    kind: spec.kind(args, vendor),
    rooms: spec.rooms(args),
    dryRun: raw.flags.includes('dry-run'),
    raw,
  };
}

function assignPositionals(
  positionals: readonly PositionalSpec[],
  words: string[],
  args: Record<string, unknown>,
  fail: (field: string, message: string) => void,
  vendor: VendorName | null,
): void {
  let i = 0;
  for (const p of positionals) {
    if (i >= words.length) {
      if (p.required) fail(p.name, `missing; expected ${p.description}`);
      continue;
    }
    const value = p.rest ? words.slice(i).join(' ') : words[i]!;
    i = p.rest ? words.length : i + 1;
    convert(p.schema, value, p.name, args, fail, vendor);
  }
  if (i < words.length) {
    fail(words[i]!, `unexpected argument "${words.slice(i).join(' ')}" (settings are written key=value)`);
  }
}

function convert(
  schema: z.ZodType,
  value: string,
  field: string,
  args: Record<string, unknown>,
  fail: (field: string, message: string) => void,
  vendor: VendorName | null,
): void {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return fail(field, parsed.error.issues.map((i) => i.message).join('; '));
  // Ids go into vendor URLs: each must match the vendor's own id rules before anything is sent.
  const idProblem = vendorIdProblem(schema, parsed.data, vendor);
  if (idProblem) return fail(field, idProblem);
  args[field] = parsed.data;
}

function unsupported(action: string, account: AccountRef, commands: readonly CommandSpec[]): RoomOpsError {
  const label = VENDOR_LABEL[account.vendor as VendorName];
  return new RoomOpsError(
    'unsupported_action',
    `${label} (account ${account.name}) has no ${action}. It supports: ${supportedActions(commands, account.vendor).join(', ')}.`,
    { field: 'action' },
  );
}

/** Reads, help and errors go to the asker only; mutations and prompts to the channel. */
export function visibilityOf(invocation: ValidInvocation): Visibility {
  return invocation.kind === 'read' || invocation.dryRun ? 'private' : 'public';
}
