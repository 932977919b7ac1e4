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

/** A plan as a prompt or the shell holds it: its account, action, rooms and the invocation that chose them. */
export type TypingPlan = Pick<PendingAction, 'account' | 'action' | 'rooms' | 'invocation'>;

/** Typing is asked for (what to type, for what); `undefined` when a click is enough. */
export function typingFor(plan: TypingPlan, threshold: number): Omit<TypeToConfirm, 'pendingId'> | undefined {
  if (plan.rooms.length <= threshold || !plan.account) return undefined;
  const raw = plan.invocation as RawInvocation | undefined;
  if (!raw?.options || !hasSelector(raw)) return undefined;
  return { expected: plan.account, action: plan.action, rooms: plan.rooms.length };
}

/** The same for a pending action, naming it. */
export function typeToConfirmFor(pending: PendingAction, threshold: number): TypeToConfirm | undefined {
  const typing = typingFor(pending, threshold);
  return typing && { pendingId: pending.id, ...typing };
}

/** Account names are exact identifiers: only surrounding spaces (a paste) are forgiven. */
export function typedMatches(typed: string | undefined, expected: string): boolean {
  return typed !== undefined && typed.trim() === expected;
}

/** The longest answer worth reading: an account name, with room to spare. */
export const MAX_TYPED_LENGTH = 100;

export function mistypedMessage(typing: Omit<TypeToConfirm, 'pendingId'>, typed: string | undefined): string {
  const what = `${typing.rooms} rooms`;
  return typed === undefined || typed.trim() === ''
    ? `Type the account name ${typing.expected} to ${typing.action} ${what}.`
    : `That is not the account name: type ${typing.expected} exactly to ${typing.action} ${what}. Nothing was done.`;
}
