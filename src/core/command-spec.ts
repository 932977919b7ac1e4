/**
 * What a file in commands/ declares. Help everywhere, input validation, the
 * Discord registration and the kind of each form all come from these
 * declarations: one source of truth.
 */
import type { z } from 'zod';
import type { AccountConfig } from '../vendors/account.js';
import type { Operation, VendorClient, VendorName } from '../vendors/types.js';
import type { ResultView } from '../view/view.js';
import type { Job } from '../store/job-types.js';
import type { Store } from '../store/types.js';
import type { ErrorItem } from '../shared/coded-error.js';
import type { AfterVendor } from './after-vendor.js';
import type { GraceUndo } from './jobs/grace-mutes.js';
import type { Kind, Place, Principal } from './types.js';

/** DESIGN.md's Discord option names; positionals are named after them. */
export type TypedOptionName =
  'account' | 'room' | 'name' | 'user' | 'text' | 'status' | 'enabled' | 'change' | 'topic' | 'fields';

export interface CommandExample {
  text: string;
  /** The vendor the example is for; absent when it fits every vendor. */
  vendor?: VendorName;
  note?: string;
}

export interface PositionalSpec {
  name: Exclude<TypedOptionName, 'account' | 'fields'>;
  description: string;
  required: boolean;
  /** Takes the rest of the words (`members … add u1 u2`). */
  rest?: boolean;
  /** Validates and converts the word(s); for `rest` the words joined by spaces. */
  schema: z.ZodType;
  /** Fixed choices (Discord shows them as choices). */
  choices?: readonly string[];
}

export interface SettingSpec {
  schema: z.ZodType;
  description: string;
}

export interface AccountRef {
  name: string;
  vendor: VendorName;
  config: AccountConfig;
}

/** What every command's run sees. */
export interface CommonRunContext {
  store: Store;
  /**
   * Records what the vendor already did (inventory): a store failure becomes
   * a warning on the answer, never a failure of the action.
   */
  afterVendor: AfterVendor;
  principal: Principal;
  place: Place;
  now: Date;
  /** All configured accounts (for `accounts`). */
  accounts: readonly AccountRef[];
  /** All commands (for `help`). */
  commands: readonly CommandSpec[];
  /**
   * Cancels a job (for `jobs cancel`); a delete still in its grace period is
   * undone: the rooms it muted are unmuted (`unmuted`), those muted before
   * stay muted (`leftMuted`). `warnings` says what could not be undone.
   */
  cancelJob?(id: string): Promise<{ job: Job | undefined } & GraceUndo>;
}

/** What the engine hands to execution: the account (and later its client) when the command takes one. */
export interface RunContext extends CommonRunContext {
  account: AccountRef | null;
  client: VendorClient | null;
}

/** What a command that takes an account sees: its account and that account's client, always. */
export interface AccountRunContext extends CommonRunContext {
  account: AccountRef;
  client: VendorClient;
}

/** A command's `--json` result: exactly DESIGN.md's `result` object for the action. */
export type CommandResult = Record<string, unknown>;

export interface RunResult<Result extends CommandResult = CommandResult> {
  result: Result;
  summary: string;
  requestId?: string;
  /** Several-item calls: one entry per item; any failure makes the outcome `partial`. */
  items?: ErrorItem[];
  /** What did not happen beside a result that stands (`--json` `warnings`). */
  warnings?: string[];
}

interface CommandSpecBase<Args extends Record<string, unknown>, Result extends CommandResult> {
  name: string;
  summary: string;
  /** `delete <account> <room[,room…]>` */
  usage: string;
  examples: readonly CommandExample[];
  /**
   * The vendor operations the command's forms need. A vendor supports the
   * command when it has the first one; `formOperation` picks the one a given
   * form needs (e.g. `members add` needs `members.add`).
   */
  operations: readonly Operation[];
  formOperation?(args: Args): Operation;
  /** Positionals after the account, for this vendor (null vendor: no account). */
  positionals(vendor: VendorName | null): readonly PositionalSpec[];
  /** `key=value` settings accepted for this vendor (vendor field names and friendly aliases). */
  settings(vendor: VendorName | null): Readonly<Record<string, SettingSpec>>;
  /** Cross-field checks and defaults after the fields validate; may add issues to `fail`. */
  finalize?(args: Args, account: AccountRef | null, fail: (field: string, message: string) => void): Args;
  kind(args: Args, vendor: VendorName | null): Kind;
  /** Target room ids (audit, confirmation text). */
  rooms(args: Args): string[];
  /** For the confirmation prompt: exactly what will happen. */
  describe(args: Args, account: AccountRef | null): string;
  confirmLabel?(args: Args): string;
  warning?(args: Args, vendor: VendorName | null): string | undefined;
  /**
   * How a result is shown, on every platform: the body under the summary
   * (facts, a table, text). The account, approval and request id are added
   * around it for every command alike.
   */
  view(result: Result): ResultView;
}

/** A command run against one account (create, list, delete …). */
export interface AccountCommandSpec<
  Args extends Record<string, unknown>,
  Result extends CommandResult,
> extends CommandSpecBase<Args, Result> {
  takesAccount: true;
  /**
   * For a job item whose process died mid-call: a read telling whether the
   * vendor already did it, so the call is not sent twice (DESIGN.md "Durable
   * jobs"). Destructive commands without it are not resent after a crash.
   */
  alreadyDone?(args: Args, ctx: AccountRunContext): Promise<boolean>;
  /** Private unless it is a mutation; help, reads and errors are private. */
  run(args: Args, ctx: AccountRunContext): Promise<RunResult<Result>>;
}

/** A command about RoomOps itself (help, accounts, audit). */
export interface PlainCommandSpec<
  Args extends Record<string, unknown>,
  Result extends CommandResult,
> extends CommandSpecBase<Args, Result> {
  takesAccount: false;
  run(args: Args, ctx: CommonRunContext): Promise<RunResult<Result>>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- each command narrows its own args and result types. */
export type CommandSpec<Args extends Record<string, unknown> = any, Result extends CommandResult = any> =
  AccountCommandSpec<Args, Result> | PlainCommandSpec<Args, Result>;
/* eslint-enable @typescript-eslint/no-explicit-any */
