/**
 * Conversions between the store's values and its columns, shared by both
 * backends: times as epoch milliseconds (see schema.ts), JSON as text, absent
 * optional fields as NULL (and NULL back to an absent field).
 */
import type { Millis } from './schema.js';

export function toMillis(date: Date, field: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new TypeError(`store: ${field} must be a valid Date`);
  return ms;
}

export function toDate(value: Millis): Date {
  return new Date(Number(value));
}

export function toJson(value: unknown): string {
  // `undefined` has no JSON form; store it as null.
  return JSON.stringify(value === undefined ? null : value);
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** `undefined` becomes NULL. */
export function nullable<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}

/**
 * Copies the non-NULL entries of `fields` onto `target`, so that optional
 * properties of a read-back object are absent rather than `null`.
 */
export function withPresent<T extends object>(target: T, fields: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
  return target;
}
