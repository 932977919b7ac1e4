/**
 * What a person's home (Slack App Home) shows them, decided in the core: the
 * accounts and what each supports, the confirmations waiting that this
 * person may decide — checked with the same canApprove / canCancel, at the
 * prompt's own place, as a click on the channel prompt — the jobs, and their
 * own latest audit entries. Adapters only draw it.
 */
import type { AuditEntry, PendingAction } from '../store/types.js';
import type { Place } from './types.js';

/** A job as the Home shows it; filled by whoever owns jobs (DESIGN.md "Durable jobs"). */
export interface HomeJob {
  id: string;
  action: string;
  account: string;
  state: string;
  /** When it runs (scheduled) or started. */
  runAt?: Date;
  total: number;
  done: number;
  failed: number;
}

export interface HomePending {
  pending: PendingAction;
  /** Label of the confirm button, as on the channel prompt ("Delete", "Kick"). */
  confirmLabel: string;
  canApprove: boolean;
  canCancel: boolean;
  /** Approving asks for the account name to be typed (a modal opens on the click). */
  typed?: boolean;
}

export interface HomeAccount {
  name: string;
  vendorName: string;
  actions: string[];
}

export interface HomeData {
  accounts: HomeAccount[];
  /** Open confirmations this person may decide, soonest expiry first. */
  pending: HomePending[];
  jobs: HomeJob[];
  /** This person's latest audit entries, newest first (at most 10). */
  audit: AuditEntry[];
}

/** How many open confirmations are looked at for one Home (it shows fewer). */
export const HOME_PENDING_SCAN = 200;
export const HOME_AUDIT_ENTRIES = 10;
/** Running and scheduled jobs looked at, each; the Home says "and N more" past what fits. */
export const HOME_JOBS = 50;

/** The place a pending action's prompt lives: a decision from Home is judged there. */
export function placeOfPending(pending: PendingAction): Place {
  return {
    platform: pending.platform,
    ...(pending.channel ? { channel: pending.channel } : {}),
    ...(pending.guild ? { guild: pending.guild } : {}),
  };
}
