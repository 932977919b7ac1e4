/**
 * Turns zod issues into `path: message` lines that never contain a value from
 * the config file. Zod's own messages are replaced by messages built from the
 * schema alone (expected type, bounds, allowed values); messages set in the
 * schemas never quote input. As a second line of defence `scrub` removes any
 * credential-looking value that still made it into a message.
 */
import type { z } from 'zod';
import { type ConfigIssue, formatPath } from './interpolate.js';

type RawIssue = z.core.$ZodRawIssue;

function typeName(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  return `a ${typeof input}`;
}

const expectedName: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  record: 'a mapping',
};

function bound(
  issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string },
  small: boolean,
) {
  const n = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'string':
      if (small && n === 1) return 'must not be empty';
      return small ? `must be at least ${n} characters` : `must be at most ${n} characters`;
    case 'array':
    case 'set':
      return small ? `must have at least ${n} items` : `must have at most ${n} items`;
    default:
      if (small) return issue.inclusive === false ? `must be more than ${n}` : `must be at least ${n}`;
      return issue.inclusive === false ? `must be less than ${n}` : `must be at most ${n}`;
  }
}

/**
 * Per-parse error map: a message for every issue zod raises by itself,
 * from the schema's facts only. (`iss.input` is used for its type, never its value.)
 */
export function safeErrorMap(iss: RawIssue): string {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'Required';
      const expected = expectedName[iss.expected] ?? iss.expected;
      const hint = iss.expected === 'string' && typeof iss.input === 'number' ? ' (quote it in YAML)' : '';
      return `expected ${expected}, got ${typeName(iss.input)}${hint}`;
    }
    case 'too_small':
      return bound(iss, true);
    case 'too_big':
      return bound(iss, false);
    case 'invalid_format':
      return iss.format === 'url' ? 'must be a URL' : `has the wrong format (expected ${iss.format})`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    case 'unrecognized_keys':
      return `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union': {
      const d = iss as RawIssue & { discriminator?: string; options?: unknown[] };
      if (d.discriminator && Array.isArray(d.options)) {
        const input = iss.input as Record<string, unknown> | undefined;
        const missing = input === null || typeof input !== 'object' || input[d.discriminator] === undefined;
        return `${missing ? 'Required: ' : 'must be '}one of ${d.options.map(String).join(', ')}`;
      }
      return 'does not match any of the accepted forms';
    }
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_key':
      return 'is not a valid name here';
    case 'invalid_element':
      return 'has an invalid item';
    default:
      return 'is invalid';
  }
}

/** Flattens zod issues (record-key issues carry their real message inside) to path/message pairs. */
export function flattenIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_key' && issue.issues.length > 0) {
      for (const inner of issue.issues) out.push({ path: formatPath(path), message: inner.message });
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0 && !('discriminator' in issue)) {
      // e.g. a role list that is neither a string nor a list: report the first form's problems.
      out.push(...flattenIssues(issue.errors[0]!, path));
      continue;
    }
    out.push({ path: formatPath(path), message: issue.message });
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The candidate closest to `word` (case-insensitive, at most 2 edits), if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * "unknown field "appSecrett"" next to "appSecret: Required" at the same
 * place becomes "unknown field "appSecrett" (did you mean appSecret?)".
 */
export function suggestFieldNames(issues: ConfigIssue[], raw: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  const missingAt = new Map<string, string[]>();
  for (const issue of raw) {
    if (issue.code === 'invalid_type' && issue.message === 'Required' && issue.path.length > 0) {
      const parent = formatPath(issue.path.slice(0, -1));
      missingAt.set(parent, [...(missingAt.get(parent) ?? []), String(issue.path.at(-1))]);
    }
  }
  const unknownAt = new Map<string, string[]>();
  for (const issue of raw) {
    if (issue.code === 'unrecognized_keys') unknownAt.set(formatPath(issue.path), issue.keys);
  }
  return issues.map((i) => {
    const keys = unknownAt.get(i.path);
    const missing = missingAt.get(i.path);
    if (!keys || !missing || !i.message.startsWith('unknown field')) return i;
    const hints = keys.flatMap((k) => {
      const near = closest(k, missing);
      return near === undefined ? [] : [{ k, near }];
    });
    if (hints.length === 0) return i;
    const hint =
      keys.length === 1
        ? `did you mean ${hints[0]!.near}?`
        : hints.map((h) => `"${h.k}": did you mean ${h.near}?`).join(' ');
    return { ...i, message: `${i.message} (${hint})` };
  });
}

/** Replaces every occurrence of each secret (4+ characters) in `text` with `***`. */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = text;
  const sorted = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of sorted) out = out.split(secret).join('***');
  return out;
}
