/**
 * Core vocabulary shared by the parser, the commands, access control and the
 * platform adapters (`Kind` and `PlatformName` come from src/shared/, which
 * the store uses too).
 */

import type { PlatformName } from '../shared/vocabulary.js';

export { KINDS, type Kind, type PlatformName } from '../shared/vocabulary.js';

/**
 * Who is acting. `id` is the principal string used in `access.users`
 * (`slack:U0ADMIN001`, `discord:400000000000000001`, `shell:alice`);
 * `groups` are the extra principals they also match (`slack:group:S0OPS`,
 * `discord:role:500000000000000002`).
 */
export interface Principal {
  platform: PlatformName;
  id: string;
  displayName?: string;
  groups: readonly string[];
  /**
   * Set when the platform could not say which groups the principal is in
   * (Slack `usergroups.list` failed, Discord sent no usable member roles):
   * what failed, for a person. `groups` is then empty and access fails closed.
   */
  groupsUnavailable?: string;
}

/**
 * Where it happens. `channel` is `slack:C0OPS` or `discord:channel:…`, `guild`
 * is `discord:guild:…`. The shell has neither.
 */
export interface Place {
  platform: PlatformName;
  channel?: string;
  guild?: string;
}

/**
 * Text or typed options, tokenized but not yet validated: the common form
 * every front end produces (Slack and the shell from text, Discord from its
 * typed options).
 */
export interface RawInvocation {
  action: string;
  /** The first positional after the action, when the action takes an account. */
  positionals: string[];
  /** `key=value` pairs in the order given (a repeated key is an input error). */
  options: Record<string, string>;
  /** `--flag` names without dashes (`dry-run`, `yes`, `json`). */
  flags: string[];
  /** The text as typed (or as reconstructed from typed options), for audit. */
  text: string;
}
