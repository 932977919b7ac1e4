/**
 * Text → RawInvocation: `<action> <positional…> key=value … --flag`.
 *
 * - The first token that is not a `--flag` is the action, lower-cased; empty
 *   text (or flags only) is `help`. Everything else is kept verbatim.
 * - A token with an unquoted `=` is an option `key=value`; the key must match
 *   OPTION_KEY and may appear once. `key=""` is an empty value; a bare `key=`
 *   is an error (usually a stray space: `key= value`).
 * - A token starting with an unquoted `--` is a flag, anywhere in the text.
 *   `--limit=5` is an error that suggests `limit=5`.
 * - Everything else is a positional. Quoting a token makes it a positional
 *   whatever it contains (`"a=b"`, `"--yes"`).
 * Quoting rules are in tokenize.ts.
 */

import { InputError } from '../errors.js';
import type { RawInvocation } from '../types.js';
import { type Token, tokenize } from './tokenize.js';

export const OPTION_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const FLAG_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

export type ParseResult = { ok: true; value: RawInvocation } | { ok: false; error: InputError };

const fail = (error: InputError): ParseResult => ({ ok: false, error });

function parseFlag(token: Token): { ok: true; name: string } | { ok: false; error: InputError } {
  if (token.eq !== -1) {
    const suggestion = token.raw.slice(2);
    const key = token.value.slice(2, token.eq);
    return {
      ok: false,
      error: new InputError(
        `"${token.raw}" is not accepted: options are written key=value without dashes, e.g. ${suggestion}`,
        { field: key || undefined, expected: suggestion },
      ),
    };
  }
  const name = token.value.slice(2);
  if (!FLAG_NAME.test(name)) {
    return {
      ok: false,
      error: new InputError(
        `"${token.raw}" is not a valid flag: flags are --name, e.g. --dry-run, --yes, --json`,
        {
          expected: '--name (letters, digits and -)',
        },
      ),
    };
  }
  return { ok: true, name };
}

function parseOption(
  token: Token,
): { ok: true; key: string; value: string } | { ok: false; error: InputError } {
  const key = token.value.slice(0, token.eq);
  const value = token.value.slice(token.eq + 1);
  if (key === '') {
    return {
      ok: false,
      error: new InputError(`"${token.raw}" has an empty key: options are written key=value`, {
        expected: 'key=value',
      }),
    };
  }
  if (!OPTION_KEY.test(key)) {
    return {
      ok: false,
      error: new InputError(
        `"${key}" is not a valid option name: it must start with a letter or _ and contain only letters, digits, _, . and -`,
        { field: key, expected: 'a name matching [A-Za-z_][A-Za-z0-9_.-]*' },
      ),
    };
  }
  if (value === '' && !token.valueQuoted) {
    return {
      ok: false,
      error: new InputError(
        `${key}= has no value: write ${key}=value with no space after =, or ${key}="" for an empty value`,
        { field: key, expected: `${key}=value` },
      ),
    };
  }
  return { ok: true, key, value };
}

export function parseCommandText(text: string): ParseResult {
  const scanned = tokenize(text);
  if (!scanned.ok) return scanned;

  let action: string | undefined;
  const positionals: string[] = [];
  const options: Record<string, string> = Object.create(null) as Record<string, string>;
  const flags: string[] = [];

  for (const token of scanned.tokens) {
    if (!token.quoted && token.value.startsWith('--')) {
      const flag = parseFlag(token);
      if (!flag.ok) return fail(flag.error);
      if (!flags.includes(flag.name)) flags.push(flag.name);
      continue;
    }
    if (!token.quoted && token.eq !== -1) {
      const option = parseOption(token);
      if (!option.ok) return fail(option.error);
      if (action === undefined) {
        return fail(
          new InputError(`the command must start with an action, not the option "${token.raw}"`, {
            expected: '<action> <account> … key=value',
          }),
        );
      }
      if (Object.hasOwn(options, option.key)) {
        return fail(
          new InputError(`option ${option.key} is given twice: give it once`, {
            field: option.key,
          }),
        );
      }
      options[option.key] = option.value;
      continue;
    }
    if (action === undefined) {
      if (token.value === '') {
        return fail(new InputError('the action is empty: the command must start with an action, e.g. help'));
      }
      action = token.value.toLowerCase();
      continue;
    }
    positionals.push(token.value);
  }

  // A plain object for callers (a null-prototype object prints oddly and breaks toEqual).
  return {
    ok: true,
    value: { action: action ?? 'help', positionals, options: { ...options }, flags, text },
  };
}
