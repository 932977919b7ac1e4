/**
 * Room settings → iFlyChat room fields (shared/vendors/iflychat.md §2.1, §2.3).
 * Settings arrive validated with the vendor's own names (booleans as booleans);
 * here they become the strings iFlyChat takes. `room_role` defaults to `"0"`
 * on create ("0 when unsure", DESIGN.md "create").
 */
import { InputError } from '../../shared/coded-error.js';
import { encodeFlag, type Flag } from './wire.js';

export interface RoomFields {
  room_name: string;
  room_role: string;
  room_private: Flag;
  room_moderate: Flag;
}

const CREATE_KEYS = ['room_role', 'room_private', 'room_moderate'] as const;
const UPDATE_KEYS = ['room_name', 'room_role', 'room_private', 'room_moderate'] as const;

export function createFields(name: string, settings: Record<string, unknown>): RoomFields {
  const changes = readSettings(settings, CREATE_KEYS, 'create');
  if (!name.trim())
    throw new InputError('the room name must not be empty', { field: 'name', expected: 'a room name' });
  return { room_role: '0', room_private: '0', room_moderate: '0', ...changes, room_name: name };
}

export function updateFields(settings: Record<string, unknown>): Partial<RoomFields> {
  return readSettings(settings, UPDATE_KEYS, 'update');
}

function readSettings(
  settings: Record<string, unknown>,
  allowed: readonly (keyof RoomFields)[],
  action: string,
): Partial<RoomFields> {
  const out: Partial<RoomFields> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    if (!(allowed as readonly string[]).includes(key)) {
      throw new InputError(`iFlyChat ${action} has no setting "${key}"`, {
        field: key,
        expected: allowed.join(', '),
      });
    }
    if (key === 'room_private' || key === 'room_moderate') out[key] = flagOf(key, value);
    else if (key === 'room_name' || key === 'room_role') out[key] = scalarOf(key, value);
  }
  return out;
}

function flagOf(key: string, value: unknown): Flag {
  if (typeof value === 'boolean') return encodeFlag(value);
  if (value === 1 || value === '1') return '1';
  if (value === 0 || value === '0') return '0';
  throw new InputError(`${key} must be on or off`, { field: key, expected: 'true/false/yes/no/on/off/1/0' });
}

function scalarOf(key: string, value: unknown): string {
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : '';
  if (!text)
    throw new InputError(`${key} must not be empty`, {
      field: key,
      expected: key === 'room_role' ? 'a role id, e.g. 0, 1 or 2' : 'a name',
    });
  return text;
}
