/**
 * Discord's typed options → the same RawInvocation the text grammar gives.
 * Option names are DESIGN.md's: account, room, name, user, text, status,
 * enabled, change, topic, fields. An option that is one of the command's
 * positionals (for the account's vendor) goes there, in order; `fields` is
 * parsed as `key=value … --flag` text; any other (e.g. `name` at update,
 * the selector `match`, `at`, `grace`) becomes a setting of the same name,
 * exactly as `match=` … in the text grammar.
 */
import type { TypedOptions } from './engine-api.js';
import type { AccountRef, CommandSpec } from './command-spec.js';
import { InputError } from './errors.js';
import { formatCommandText, parseCommandText } from './parse/index.js';
import type { RawInvocation } from './types.js';
import { selectsRooms } from './jobs/bulk-invocation.js';
import { SELECTOR_KEYS } from './jobs/selector.js';

export function fromTypedOptions(
  action: string,
  options: TypedOptions,
  commands: readonly CommandSpec[],
  accounts: ReadonlyMap<string, AccountRef>,
): RawInvocation {
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || value === '') continue;
    values.set(name, typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value));
  }
  const positionals: string[] = [];
  const settings: Record<string, string> = {};
  const flags: string[] = [];

  const fields = values.get('fields');
  values.delete('fields');
  if (fields !== undefined) {
    const parsed = parseCommandText(`fields ${fields}`);
    if (!parsed.ok)
      throw new InputError(`fields: ${parsed.error.message}`, {
        field: 'fields',
        expected: 'key=value pairs',
      });
    if (parsed.value.positionals.length) {
      throw new InputError(`fields: "${parsed.value.positionals.join(' ')}" is not key=value`, {
        field: 'fields',
        expected: 'key=value pairs',
      });
    }
    Object.assign(settings, parsed.value.options);
    flags.push(...parsed.value.flags);
  }

  const spec = commands.find((c) => c.name === action);
  const account = values.get('account');
  values.delete('account');
  if (spec?.takesAccount && account !== undefined) positionals.push(account);
  const vendor = account !== undefined ? (accounts.get(account)?.vendor ?? null) : null;
  const selecting = SELECTOR_KEYS.some((key) => values.has(key));
  for (const p of spec?.positionals(vendor) ?? []) {
    const value = values.get(p.name);
    if (value === undefined) {
      const selectable = !!spec && p.name === 'room' && selectsRooms(spec, vendor);
      // Options come by name, not in order: a later one must not slide into a missing one's place.
      // An unknown account is left for validation to name.
      if (p.required && vendor !== null && !(selectable && selecting)) {
        const expected = selectable ? `${p.description}, or a selector (match, empty, older)` : p.description;
        throw new InputError(`${p.name}: missing; expected ${expected}`, { field: p.name, expected });
      }
      continue;
    }
    values.delete(p.name);
    positionals.push(value);
  }
  for (const [name, value] of values) settings[name] = value;

  const invocation = { action, positionals, options: settings, flags };
  return { ...invocation, text: formatCommandText(invocation) };
}
