/**
 * What a file in commands/ declares. Help everywhere, input validation, the
 * Discord registration and the kind of each form all come from these
 * declarations: one source of truth.
 */
import type { z } from 'zod';
import type { AccountConfig } from '../vendors/account.js';
import type { Operation, VendorClient, VendorName } from '../vendors/types.js';
import type { Job } from '../store/job-types.js';
import type { Store } from '../store/types.js';
import type { ErrorItem } from '../shared/coded-error.js';
import type { AfterVendor } from './after-vendor.js';
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

export interface RunContext {
  account: AccountRef | null;
  client: VendorClient | null;
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
   * undone: its rooms are unmuted. `warnings` says what could not be undone.
   */
  cancelJob?(id: string): Promise<{ job: Job | undefined; warnings: string[] }>;
}

export interface RunResult {
  /** Exactly DESIGN.md's `--json` `result` for the action. */
  result: Record<string, unknown>;
  summary: string;
  requestId?: string;
  /** Several-item calls: one entry per item; any failure makes the outcome `partial`. */
  items?: ErrorItem[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command narrows its own args type.
export interface CommandSpec<Args extends Record<string, unknown> = any> {
  name: string;
  summary: string;
  /** `delete <account> <room[,room…]>` */
  usage: string;
  examples: readonly CommandExample[];
  /** False for help, accounts and audit. */
  takesAccount: boolean;
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
   * For a job item whose process died mid-call: a read telling whether the
   * vendor already did it, so the call is not sent twice (DESIGN.md "Durable
   * jobs"). Destructive commands without it are not resent after a crash.
   */
  alreadyDone?(args: Args, ctx: RunContext): Promise<boolean>;
  /** Private unless it is a mutation; help, reads and errors are private. */
  run(args: Args, ctx: RunContext): Promise<RunResult>;
}
