/**
 * The shape of roomops.yml (DESIGN.md "Fixed interfaces": Config, Accounts,
 * Access, Storage). Account fields come from src/vendors/account.ts; this file
 * adds account names, the `access:` section and `storage:`. Cross-references
 * (roles that must exist, accounts named in access.accounts) are checked by
 * cross-check.ts so that every problem is reported at once.
 */
import { z } from 'zod';
import { accountSchema } from '../../vendors/account.js';
import { KINDS } from '../types.js';

export const ACCOUNT_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const ACCOUNT_NAME_EXPECTED =
  'account names are 1 to 63 lower-case letters, digits, _ and -, starting with a letter or digit';

/** The actions of DESIGN.md "Command surface": a role may grant any of them by name. */
export const ACTION_NAMES = [
  'help',
  'accounts',
  'audit',
  'create',
  'list',
  'info',
  'update',
  'delete',
  'history',
  'status',
  'voice',
  'mute',
  'keepalive',
  'announce',
  'members',
  'kick',
  'jobs',
] as const;

/** The role that grants nothing (`default: none`, or a user listed as `none`). */
export const NO_ROLE = 'none';

export const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const roleNameExpected = 'role names are letters, digits, _ and -, starting with a letter or digit';

/** A role's key in `access.roles`: `none` is reserved for "no access". */
const definedRoleName = z
  .string()
  .regex(ROLE_NAME, roleNameExpected)
  .refine(
    (name) => name !== NO_ROLE,
    `"${NO_ROLE}" is reserved (it means no access): choose another role name`,
  );

/** A role reference (`default`, `users`): a defined role or `none`. Existence is checked in cross-check.ts. */
const roleRef = z.string().regex(ROLE_NAME, roleNameExpected);

const GRANT_EXPECTED = `expected a kind (${KINDS.join(', ')}), an action name (${ACTION_NAMES.join(', ')}) or "*"`;
const grant = z
  .string()
  .refine(
    (g) =>
      g === '*' ||
      (KINDS as readonly string[]).includes(g) ||
      (ACTION_NAMES as readonly string[]).includes(g),
    { error: (iss) => `unknown grant "${String(iss.input)}": ${GRANT_EXPECTED}` },
  );

/** `slack:U…`, `slack:group:S…`, `discord:<user id>`, `discord:role:<role id>`. */
export const PRINCIPAL = /^(slack:(group:)?[A-Z0-9]+|discord:(role:)?[0-9]+)$/;
const principal = z
  .string()
  .regex(
    PRINCIPAL,
    'expected slack:<user id>, slack:group:<user group id>, discord:<user id> or discord:role:<role id>',
  );

/** `slack:C…` matches a Slack channel; `discord:guild:…` a Discord server, `discord:channel:…` a Discord channel. */
export const PLACE = /^(slack:[A-Z0-9]+|discord:(guild|channel):[0-9]+)$/;
const place = z
  .string()
  .regex(PLACE, 'expected slack:<channel id>, discord:guild:<guild id> or discord:channel:<channel id>');

/** Role or list of roles → always a list. */
const roleList = z
  .union([roleRef, z.array(roleRef).min(1, 'give at least one role')])
  .transform((r) => (typeof r === 'string' ? [r] : r));

const userRoles = z.record(principal, roleList);

export const accessSchema = z
  .object({
    default: roleRef.default(NO_ROLE),
    roles: z.record(definedRoleName, z.array(grant)).default({}),
    users: userRoles.default({}),
    channels: z.array(place).optional(),
    accounts: z
      .record(
        z.string().regex(ACCOUNT_NAME, ACCOUNT_NAME_EXPECTED),
        z.object({ twoPersonRule: z.boolean().default(false), users: userRoles.default({}) }).strict(),
      )
      .default({}),
  })
  .strict();

const STORAGE_URL = /^(sqlite:.+|postgres(ql)?:\/\/.+)$/;
export const storageSchema = z
  .object({
    url: z
      .string()
      .regex(
        STORAGE_URL,
        'expected sqlite:relative/path.db, sqlite:///absolute/path.db or postgres://user:pass@host:port/db',
      )
      .optional(),
    /** How long one store call may wait: SQLite lock waits, PostgreSQL statement_timeout. */
    timeoutMs: z
      .number()
      .int('must be a whole number of milliseconds')
      .min(100, 'must be at least 100 (ms)')
      .max(60_000, 'must be at most 60000 (a minute)')
      .optional(),
  })
  .strict();

export const DEFAULT_CONFIRM_TIMEOUT_MINUTES = 5;
export const MAX_CONFIRM_TIMEOUT_MINUTES = 30;
const CONFIRM_TIMEOUT_RANGE =
  "must be more than 0 and at most 30 (minutes): Slack's response_url, which updates the prompt, lasts 30 minutes";
/** DESIGN.md "Durable jobs": more rooms than this ask for the account name to be typed. */
export const DEFAULT_BULK_TYPE_TO_CONFIRM = 10;
/** DESIGN.md "Durable jobs": a job found this late at start still runs; later, it is `missed`. */
export const DEFAULT_SCHEDULE_GRACE_MINUTES = 60;

export const configSchema = z
  .object({
    accounts: z
      .record(z.string().regex(ACCOUNT_NAME, ACCOUNT_NAME_EXPECTED), accountSchema)
      .refine((a) => Object.keys(a).length > 0, 'define at least one account'),
    access: accessSchema.optional(),
    storage: storageSchema.optional(),
    // Slack updates a prompt (decision, expiry) through its response_url,
    // which works for 30 minutes only (PLATFORMS.md "Platform limits").
    confirmTimeoutMinutes: z
      .number()
      .positive(CONFIRM_TIMEOUT_RANGE)
      .max(MAX_CONFIRM_TIMEOUT_MINUTES, CONFIRM_TIMEOUT_RANGE)
      .default(DEFAULT_CONFIRM_TIMEOUT_MINUTES),
    bulkTypeToConfirm: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(10_000, 'must be at most 10000')
      .default(DEFAULT_BULK_TYPE_TO_CONFIRM),
    scheduleGraceMinutes: z
      .number()
      .min(0, 'must be 0 or more')
      .max(7 * 24 * 60, 'must be at most 10080 (a week)')
      .default(DEFAULT_SCHEDULE_GRACE_MINUTES),
  })
  .strict();

export type RoomOpsConfig = z.output<typeof configSchema>;
export type AccessConfig = z.output<typeof accessSchema>;
export type StorageConfig = z.output<typeof storageSchema>;
