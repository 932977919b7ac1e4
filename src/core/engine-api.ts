/**
 * The contract between the core and the front ends (Slack, Discord, shell,
 * `roomops run`). Front ends translate their input into an InvocationRequest,
 * show the Outcome they get back, and turn button clicks into `decide` calls.
 */
import type { PendingAction, PromptRef } from '../store/types.js';
import type { CommandSpec } from './command-spec.js';
import type { HomeData } from './home.js';
import type { JobControl, JobControlOutcome, JobControlRequest } from './jobs/job-controls.js';
import type { JobReport } from './jobs/job-report.js';
import type { TypeToConfirm } from './jobs/type-to-confirm.js';
import type { DecisionOutcome, ErrorOutcome, Outcome, Visibility } from './outcome.js';
import type { Kind, Place, PlatformName, Principal } from './types.js';

/**
 * Typed options as Discord sends them, by DESIGN.md's option names:
 * account, room, name, user, text, status, enabled, change, topic, fields.
 */
export type TypedOptions = Record<string, string | number | boolean | undefined>;

export interface InvocationRequest {
  principal: Principal;
  place: Place;
  /** Command text (Slack `/room <text>`, the shell, `roomops run`). */
  text?: string;
  /** Or an action with typed options (Discord subcommand and its options). */
  typed?: { action: string; options: TypedOptions };
  /**
   * Already confirmed by the local user (the shell's typed "yes", `run --yes`).
   * Honoured only for the shell principal: chat users confirm with buttons.
   */
  preconfirmed?: boolean;
}

export interface DecisionRequest {
  pendingId: string;
  decision: 'approved' | 'cancelled';
  principal: Principal;
  place: Place;
  /**
   * Decided from the person's home (Slack App Home), which has no channel:
   * judged at the prompt's own place, exactly as a click on the prompt.
   */
  fromHome?: boolean;
  /**
   * What the person typed in the type-to-confirm modal (a bulk plan over
   * `bulkTypeToConfirm` rooms): such an approval without the account name
   * typed exactly is `mistyped`, and nothing changes.
   */
  typed?: string;
}

/** Autocomplete: who is typing, where, and what they typed so far. */
export interface SuggestionRequest {
  principal: Principal;
  place: Place;
  typed: string;
}

export interface RoomSuggestion {
  id: string;
  name?: string;
}

/** What `preview` foresees for a valid, allowed invocation. */
export interface Accepted {
  type: 'accepted';
  kind: Kind;
  visibility: Visibility;
  /** What it will do, for a confirmation prompt. */
  description: string;
  /**
   * It becomes a job (a selector, `at=`/`in=`, a grace period): `description`
   * is only the action; `handle` without confirmation answers `not_confirmed`
   * with the plan (rooms, estimate, time in UTC) to show before asking.
   */
  job?: true;
}

export interface EngineApi {
  /**
   * Parse, validate and authorize only (no vendor call, no audit): an error
   * outcome, or where the eventual answer will be shown. Lets Discord reply to
   * bad input at once and defer with the right visibility otherwise.
   */
  preview(request: InvocationRequest): Promise<ErrorOutcome | Accepted>;
  /** Validate, authorize, and run or turn into a pending action. Never throws for bad input or vendor failure. */
  handle(request: InvocationRequest): Promise<Outcome>;
  /** A confirm or cancel click (or the shell's typed answer). Atomic: one approval runs the action once. */
  decide(request: DecisionRequest): Promise<DecisionOutcome>;
  /**
   * Before a confirm click is decided: whether this approval asks for the
   * account name to be typed (the adapter opens a modal and decides with
   * `typed` on submit). Undefined when a click is enough, or when `decide`
   * will refuse or report the click anyway (unknown, decided, expired, not
   * allowed). Reads only: quick enough to answer before the platform's 3 s.
   */
  typeToConfirm(request: DecisionRequest): Promise<TypeToConfirm | undefined>;
  /** Remembers where a confirmation prompt was shown, so expiry can update it. */
  attachPrompt(pendingId: string, prompt: PromptRef): Promise<void>;
  /** A job button (`job_cancel` / `job_retry` / `job_undo`): checked and done, or refused for the clicker alone. */
  controlJob(request: JobControlRequest): Promise<JobControlOutcome>;
  /**
   * Remembers where a job's message is, so whichever process runs it can
   * show its end there; returns the buttons that message offers now.
   */
  attachJobPrompt(jobId: string, prompt: PromptRef): Promise<JobControl[]>;
  /** A job's message: its progress while it runs, else how it ended (failures in full); undefined for an unknown id. */
  jobReport(jobId: string): Promise<JobReport | undefined>;
  /** What this person's home shows: accounts, confirmations they may decide, jobs, their audit entries. */
  home(principal: Principal): Promise<HomeData>;
  /**
   * Marks overdue pending actions requested on `platforms` (the ones the
   * caller can update) expired; each is returned to exactly one caller
   * (replica). A caller that serves no platform expires nothing: late clicks
   * are still refused, as `decide` checks the time itself.
   */
  expireDue(platforms: readonly PlatformName[]): Promise<PendingAction[]>;
  /** Every configured account (the local shell and CLI, which hold the credentials anyway). */
  accountNames(): { name: string; vendor: string }[];
  /** Accounts matching what was typed that this principal may read here (autocomplete). */
  suggestAccounts(request: SuggestionRequest): { name: string; vendor: string }[];
  /**
   * Rooms of an account matching what was typed (vendor list or inventory),
   * from a short-lived cache; none, and no vendor call, unless the principal
   * may read that account here.
   */
  suggestRooms(request: SuggestionRequest & { account: string; limit: number }): Promise<RoomSuggestion[]>;
  /**
   * The Slack user groups / Discord roles `access:` names
   * (`slack:group:S0OPS`): the memberships an adapter must look up; none
   * means group membership changes nothing.
   */
  groupPrincipals(platform: 'slack' | 'discord'): string[];
  /** The command definitions (help text, Discord registration). */
  commands(): readonly CommandSpec[];
  /** True when the store answers. */
  healthy(): Promise<boolean>;
}
