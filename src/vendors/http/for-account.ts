/**
 * The VendorHttp for one account: the account's host, timeout and rate limit
 * (or the vendor's defaults), its credentials to scrub, and an optional
 * dry-run recorder. The vendor supplies only what differs: how it
 * authenticates, classifies replies, finds request ids and answers a
 * request a dry run records instead of sending (its stand-in).
 */
import { type AccountConfig, DEFAULT_BASE_URL, DEFAULT_RATE_LIMIT, secretValues } from '../account.js';
import type { VendorName } from '../types.js';
import type { VendorClientOptions, VendorHttpOptions } from './types.js';
import { VendorHttp } from './vendor-http.js';

export type VendorHttpHooks = Pick<VendorHttpOptions, 'authorize' | 'classify' | 'requestIdOf' | 'standIn'>;

export function vendorHttpFor(
  vendor: VendorName,
  account: AccountConfig,
  accountName: string,
  options: VendorClientOptions,
  hooks: VendorHttpHooks,
): VendorHttp {
  return new VendorHttp({
    vendor,
    account: accountName,
    baseUrl: baseUrlOf(vendor, account, accountName),
    timeoutMs: account.timeoutMs,
    ...(account.maxReplyBytes !== undefined ? { maxReplyBytes: account.maxReplyBytes } : {}),
    rateLimit: account.rateLimit ?? DEFAULT_RATE_LIMIT[vendor],
    secrets: secretValues(account),
    // Only the hooks given: an absent authorize/requestIdOf/standIn stays absent.
    ...hooks,
    ...(options.recorder ? { recorder: options.recorder } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
  });
}

/** Agora has no default host (its account schema requires baseUrl); the others fall back to theirs. */
function baseUrlOf(vendor: VendorName, account: AccountConfig, accountName: string): string {
  if (account.baseUrl !== undefined) return account.baseUrl;
  if (vendor !== 'agora') return DEFAULT_BASE_URL[vendor];
  throw new Error(`${vendor} account ${accountName} has no baseUrl`);
}
