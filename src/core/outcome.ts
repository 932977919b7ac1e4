/**
 * What the core answers, for every front end. Adapters never decide anything:
 * they show an Outcome (through src/render/) where the Outcome says
 * (`visibility`), and turn button clicks into `engine.decide` calls.
 */
import type { ResultView } from '../view/view.js';
import type { RecordedRequest } from '../vendors/http/types.js';
import type { VendorName } from '../vendors/types.js';
import type { PendingAction } from '../store/types.js';
import type { ErrorContext } from '../shared/coded-error.js';
import type { Kind } from './types.js';

export type { ErrorItem } from '../shared/coded-error.js';

/** Private = only the person who asked (ephemeral); public = the channel sees it. */
export type Visibility = 'private' | 'public';

export interface OutcomeBase {
  action: string;
  account: string | null;
  vendor: VendorName | null;
  kind: Kind;
  visibility: Visibility;
  /**
   * What went wrong after the vendor acted (a record the store could not
   * write): the action still stands; `--json` shows them as `warnings`.
   */
  warnings?: string[];
}

/** A successful run. `result` is exactly DESIGN.md's `--json` `result` object for the action. */
export interface ResultOutcome extends OutcomeBase {
  type: 'result';
  result: Record<string, unknown>;
  /** One line for a person: "Created room Lobby (id 7) on ifly". */
  summary: string;
  /** How the command shows `result` (its `view`); not part of `--json`. */
  view: ResultView;
  /** The vendor's request id of the (last) call, when there was one. */
  requestId?: string;
  /** For results of a confirmed action: who approved it, and when. */
  approvedBy?: string;
  approvedAt?: Date;
}

/**
 * An error as a person or a script receives it: the code, the message and the
 * error's whole context (DESIGN.md "--json": known fields kept).
 */
export interface OutcomeError extends ErrorContext {
  code: string;
  message: string;
  /** For `internal`: the id of the log line that holds the details. */
  errorId?: string;
  /** A job's failure (`partial`, `cancelled`): the job as `jobs <id>` shows it. */
  job?: Record<string, unknown>;
}

export interface ErrorOutcome extends OutcomeBase {
  type: 'error';
  error: OutcomeError;
}

/** A destructive invocation waiting for a click (or a typed yes). */
export interface ConfirmOutcome extends OutcomeBase {
  type: 'confirm';
  pending: PendingAction;
  /** Button label for the confirm button ("Delete", "Kick", "End room"). */
  confirmLabel: string;
  /** Extra warning to show (iFlyChat's site-wide kick). */
  warning?: string;
  /** Approving asks for this account name to be typed (a bulk plan over `bulkTypeToConfirm` rooms). */
  typeToConfirm?: string;
}

export interface DryRunOutcome extends OutcomeBase {
  type: 'dry_run';
  requests: RecordedRequest[];
}

export type Outcome = ResultOutcome | ErrorOutcome | ConfirmOutcome | DryRunOutcome;

/** The answer to a confirm or cancel click. */
export type DecisionOutcome =
  /** The click was decisive: the action was cancelled, or approved and run (its outcome inside). */
  | {
      type: 'decided';
      decision: 'approved' | 'cancelled';
      pending: PendingAction;
      by: string;
      byName?: string;
      outcome?: Outcome;
    }
  /** The clicker may not decide: nothing changed; tell only them. */
  | { type: 'refused'; pending: PendingAction; reason: string; code?: 'access_unavailable' }
  /**
   * Already decided or expired: tell the clicker who decided what and when.
   * `expiredNow` means this click found it past its time and marked it expired
   * (the expiry sweep will not report it), so the adapter replaces the prompt.
   */
  | { type: 'stale'; pending: PendingAction; reason: 'already_decided' | 'expired'; expiredNow?: boolean }
  | { type: 'unknown'; id: string }
  /** A type-to-confirm approval whose typed text is not the account name: nothing changed; tell only the clicker. */
  | { type: 'mistyped'; pending: PendingAction; message: string }
  /** The click could not be recorded (the store failed before anything ran): nothing changed; tell only the clicker. */
  | { type: 'failed'; id: string; error: OutcomeError };
