/**
 * Field checks the emulated endpoints share, answering in Agora's error shape:
 * 400 `invalid_parameter` for a missing or malformed field, 403 `exceed_limit`
 * for a value over the vendor's size limits (agora.md §2.1, §2.5).
 */
import type { EmulatorResponse } from '../kit/types.js';
import { failure } from './envelope.js';
import type { AgoraRoomRecord, AgoraState } from './state.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; response: EmulatorResponse };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (response: EmulatorResponse): Checked<never> => ({ ok: false, response });

export const invalid = (message: string) => failure(400, 'invalid_parameter', message);

export function requiredText(body: Record<string, unknown>, field: string, max: number): Checked<string> {
  const value = body[field];
  if (value === undefined || value === null || value === '') return bad(invalid(`${field} must be provided`));
  return optionalText(body, field, max) as Checked<string>;
}

export function optionalText(
  body: Record<string, unknown>,
  field: string,
  max: number,
): Checked<string | undefined> {
  const value = body[field];
  if (value === undefined) return ok(undefined);
  if (typeof value !== 'string') return bad(invalid(`${field} must be a string`));
  if ([...value].length > max)
    return bad(failure(403, 'exceed_limit', `${field} is too long: at most ${max} characters`));
  return ok(value);
}

export function optionalMaxusers(body: Record<string, unknown>): Checked<number | undefined> {
  const value = body.maxusers;
  if (value === undefined) return ok(undefined);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 10_000) {
    return bad(invalid('maxusers must be an integer from 1 to 10000'));
  }
  return ok(value);
}

export function usernameList(value: unknown, field: string, max: number): Checked<string[]> {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v !== '')) {
    return bad(invalid(`${field} must be a non-empty array of usernames`));
  }
  if (value.length > max) return bad(invalid(`${field} may hold at most ${max} usernames`));
  return ok([...new Set(value as string[])]);
}

export const unknownUser = (username: string) =>
  failure(404, 'resource_not_found', `username ${username} doesn't exist!`);

export function firstUnknownUser(state: AgoraState, usernames: readonly string[]): string | undefined {
  return usernames.find((u) => !state.users.has(u));
}

export const roomNotFound = (id: string) => failure(404, 'resource_not_found', `grpID ${id} does not exist!`);

export function findRoom(state: AgoraState, id: string): Checked<AgoraRoomRecord> {
  const room = state.rooms.get(id);
  return room ? ok(room) : bad(roomNotFound(id));
}

/** A query parameter as a non-negative integer, `fallback` when absent. */
export function queryInt(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
): Checked<number> {
  const raw = query.get(name);
  if (raw === null || raw === '') return ok(fallback);
  if (!/^\d+$/.test(raw) || Number(raw) < min) return bad(invalid(`${name} must be an integer ≥ ${min}`));
  return ok(Number(raw));
}

/** `params` echo of the query, values as arrays (agora.md §1 envelope). */
export function paramsEcho(query: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of query) {
    const values = out[k] ?? [];
    values.push(v);
    out[k] = values;
  }
  return out;
}
