/**
 * Account settings per vendor, exactly as DESIGN.md "Accounts" fixes them.
 * The config loader validates `accounts.NAME` with these schemas, so a bad
 * field is reported by path (`accounts.rong.appSecret`).
 */
import { z } from 'zod';
import { AGORA_APP_PATH_NAME } from './agora/ids.js';
import { type IdKind, type IdRule, idRuleFor, idRuleProblem } from './id-rules.js';
import type { VendorName } from './types.js';

const baseUrl = z
  .string()
  .url('must be a URL with scheme, host and port only, e.g. https://api.example.com')
  .refine((u) => {
    if (!URL.canParse(u)) return false;
    const url = new URL(u);
    return (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
  }, 'must be scheme, host and port only (the client adds the vendor path prefix)')
  .transform((u) => u.replace(/\/+$/, ''));

const common = {
  baseUrl: baseUrl.optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  rateLimit: z.number().positive().max(10_000).optional(),
  /** Largest reply body read, in bytes (DESIGN.md "Nothing lost after the vendor acted": a cap, default 5 MiB). */
  maxReplyBytes: z
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .optional(),
  /** `delete` waits this long (rooms muted meanwhile where the vendor can), with an Undo; 0 = at once. */
  deleteGraceMinutes: z
    .number()
    .min(0, 'must be 0 or more')
    .max(7 * 24 * 60, 'must be at most 10080 (a week)')
    .optional(),
};

/**
 * A config value that reaches a vendor URL or stands for a vendor id: checked
 * against the rule at load, so a bad one is a config error naming its path.
 * The message never shows the value (it may come from the environment).
 */
const idField = (rule: IdRule) =>
  z
    .string()
    .min(1, 'must not be empty')
    .superRefine((value, ctx) => {
      const problem = idRuleProblem(rule, value, 'the value');
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const vendorIdField = (vendor: VendorName, kind: IdKind) => idField(idRuleFor(vendor, kind));

/** The user announcements are posted as (iFlyChat `uid`, Watchers `userId`). */
const announceAs = (vendor: VendorName) =>
  z.object({ id: vendorIdField(vendor, 'user'), name: z.string().min(1) }).strict();
const agoraPathName = idField(AGORA_APP_PATH_NAME);
const secret = z.string().min(1, 'must not be empty');

export const iflychatAccount = z
  .object({
    vendor: z.literal('iflychat'),
    ...common,
    apiKey: secret,
    announceAs: announceAs('iflychat').optional(),
  })
  .strict();

export const rongcloudAccount = z
  .object({ vendor: z.literal('rongcloud'), ...common, appKey: z.string().min(1), appSecret: secret })
  .strict();

export const watchersAccount = z
  .object({
    vendor: z.literal('watchers'),
    ...common,
    apiKey: secret,
    token: secret,
    announceAs: announceAs('watchers').optional(),
  })
  .strict();

export const agoraAccount = z
  .object({
    vendor: z.literal('agora'),
    ...common,
    baseUrl,
    orgName: agoraPathName,
    appName: agoraPathName,
    appToken: secret.optional(),
    appId: z.string().min(1).optional(),
    appCertificate: secret.optional(),
    defaultOwner: vendorIdField('agora', 'user').optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (!a.appToken && !(a.appId && a.appCertificate)) {
      ctx.addIssue({
        code: 'custom',
        path: ['appToken'],
        message: 'give appToken, or appId and appCertificate to build one',
      });
    }
  });

export const accountSchema = z.discriminatedUnion('vendor', [
  iflychatAccount,
  rongcloudAccount,
  watchersAccount,
  agoraAccount,
]);

export type IflychatAccount = z.infer<typeof iflychatAccount>;
export type RongcloudAccount = z.infer<typeof rongcloudAccount>;
export type WatchersAccount = z.infer<typeof watchersAccount>;
export type AgoraAccount = z.infer<typeof agoraAccount>;
export type AccountConfig = z.infer<typeof accountSchema>;

export const DEFAULT_BASE_URL = {
  iflychat: 'https://api.iflychat.com',
  rongcloud: 'https://api.rong-api.com',
  watchers: 'https://chatbackend.watchers.io',
} as const;

/** Requests per second each client paces itself to (DESIGN.md defaults). */
export const DEFAULT_RATE_LIMIT = { iflychat: 20, rongcloud: 100, watchers: 20, agora: 50 } as const;

/** Field names whose values are credentials: never logged, audited or printed. */
export const SECRET_FIELDS = ['apiKey', 'appSecret', 'token', 'appToken', 'appCertificate'] as const;

export function secretValues(account: AccountConfig): string[] {
  const record = account as Record<string, unknown>;
  return SECRET_FIELDS.map((f) => record[f]).filter((v): v is string => typeof v === 'string' && v !== '');
}
