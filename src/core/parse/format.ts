/**
 * RawInvocation → command text that parses back to exactly the same
 * invocation. Used to show a typed (Discord) invocation as text in the audit
 * log and prompts, and by the parser's round-trip property test.
 */
import type { RawInvocation } from '../types.js';
import { DOUBLE_QUOTES, SINGLE_QUOTES } from './tokenize.js';

const needsQuotes = (value: string): boolean =>
  value === '' || /\s/u.test(value) || DOUBLE_QUOTES.includes(value[0]!) || SINGLE_QUOTES.includes(value[0]!);

/** Double-quotes `value`, escaping backslashes and every double quote. */
export function quoteValue(value: string): string {
  let out = '"';
  for (const ch of value) out += ch === '\\' || DOUBLE_QUOTES.includes(ch) ? `\\${ch}` : ch;
  return `${out}"`;
}

/** A positional as it must be typed: quoted when it would otherwise read as a flag or option. */
export function formatPositional(value: string): string {
  return needsQuotes(value) || value.startsWith('--') || value.includes('=') ? quoteValue(value) : value;
}

/** `key=value`, quoting the value when needed. The key is written as is. */
export function formatOption(key: string, value: string): string {
  return `${key}=${needsQuotes(value) ? quoteValue(value) : value}`;
}

export function formatCommandText(invocation: Omit<RawInvocation, 'text'>): string {
  const parts = [
    formatPositional(invocation.action),
    ...invocation.positionals.map(formatPositional),
    ...Object.entries(invocation.options).map(([k, v]) => formatOption(k, v)),
    ...invocation.flags.map((f) => `--${f}`),
  ];
  return parts.join(' ');
}
