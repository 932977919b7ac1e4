/**
 * DESIGN.md "Bulk": a selector matching more than `bulkTypeToConfirm` rooms
 * asks for the account name to be typed before it runs. A click alone is too
 * easy to give to the wrong prompt when forty rooms go at once.
 */
import type { PendingAction } from '../../store/types.js';
import type { RawInvocation } from '../types.js';
import { hasSelector } from './selector.js';

/** What the person must type to approve, and what for (the modal's wording). */
export interface TypeToConfirm {
  pendingId: string;
  /** The exact text to type: the account's name. */
  expected: string;
  action: string;
  rooms: number;
}

/** Typing is asked for; `undefined` when a click is enough. */
export function typeToConfirmFor(pending: PendingAction, threshold: number): TypeToConfirm | undefined {
  if (pending.rooms.length <= threshold || !pending.account) return undefined;
  const raw = pending.invocation as RawInvocation | undefined;
  if (!raw?.options || !hasSelector(raw)) return undefined;
  return {
    pendingId: pending.id,
    expected: pending.account,
    action: pending.action,
    rooms: pending.rooms.length,
  };
}

/** Account names are exact identifiers: only surrounding spaces (a paste) are forgiven. */
export function typedMatches(typed: string | undefined, expected: string): boolean {
  return typed !== undefined && typed.trim() === expected;
}

/** The longest answer worth reading: an account name, with room to spare. */
export const MAX_TYPED_LENGTH = 100;

export function mistypedMessage(typing: TypeToConfirm, typed: string | undefined): string {
  const what = `${typing.rooms} rooms`;
  return typed === undefined || typed.trim() === ''
    ? `Type the account name ${typing.expected} to ${typing.action} ${what}.`
    : `That is not the account name: type ${typing.expected} exactly to ${typing.action} ${what}. Nothing was done.`;
}
