/**
 * A command carrying a selector instead of rooms. It validates like any
 * other invocation with a stand-in room in the room positional (so every
 * other argument is checked, and access decided, before any vendor call),
 * and keeps the template each item is later run from with its own room.
 */
import type { AccountRef, CommandSpec } from '../command-spec.js';
import { RoomOpsError } from '../errors.js';
import type { RawInvocation } from '../types.js';
import type { VendorName } from '../../vendors/types.js';
import { type Selector, splitSelector } from './selector.js';

/**
 * Stands in for the selected rooms during validation only; never sent
 * anywhere. It must pass every vendor's room id rule (each vendor's ids.ts):
 * iFlyChat ids are whole numbers, Agora's digits and lower-case letters.
 */
const STAND_IN_ROOM = '1';

export interface BulkParts {
  selector: Selector;
  /** The invocation without selector keys and without a room (items add theirs). */
  template: RawInvocation;
  /** The template with a stand-in room, for validation and authorization. */
  forValidation: RawInvocation;
}

export function bulkParts(
  raw: RawInvocation,
  commands: readonly CommandSpec[],
  accounts: ReadonlyMap<string, AccountRef>,
): BulkParts {
  const spec = commands.find((c) => c.name === raw.action);
  // Unknown actions and accounts: left for validation to report as usual.
  const account = accounts.get(raw.positionals[0] ?? '');
  if (!spec || !account) return parts(raw, spec?.usage ?? raw.action);
  if (!selectsRooms(spec, account.vendor)) {
    throw new RoomOpsError(
      'invalid_input',
      `match=, empty= and older= select rooms, and ${spec.name} does not take rooms.`,
      { field: 'match', usage: spec.usage },
    );
  }
  return parts(raw, spec.usage);
}

/**
 * Whether a selector may stand in for this action's rooms on this vendor:
 * its first positional is the room (create's is the room to make, never one
 * to select).
 */
export function selectsRooms(spec: CommandSpec, vendor: VendorName | null): boolean {
  return spec.name !== 'create' && spec.positionals(vendor)[0]?.name === 'room';
}

function parts(raw: RawInvocation, usage: string): BulkParts {
  const { selector, rest } = splitSelector(raw, usage);
  return { selector, template: rest, forValidation: withRoom(rest, STAND_IN_ROOM) };
}

/** The template with one room in the room positional (right after the account). */
export function withRoom(template: RawInvocation, room: string): RawInvocation {
  const [account, ...others] = template.positionals;
  return { ...template, positionals: [account ?? '', room, ...others] };
}
