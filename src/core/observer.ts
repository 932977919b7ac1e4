/**
 * What the core, the vendor HTTP layer and the platforms report for
 * `/metrics` (DESIGN.md "Operations"). They call this small interface; the
 * prom-client side lives in src/metrics/, so nothing here loads prom-client
 * and `roomops run` pays nothing for metrics it never serves.
 *
 * Every label value passed in must come from a small fixed set (action
 * names, error codes, endpoint templates, account names from the config):
 * never a room id, user id or URL.
 */
import type { VendorHttpObserver } from '../vendors/http/types.js';

export type ConfirmationDecision = 'approved' | 'cancelled' | 'expired' | 'refused';

export interface Observer extends VendorHttpObserver {
  /** One command handled: `outcome` is `ok`, `confirm`, `dry_run` or an error code. */
  command(platform: string, action: string, outcome: string): void;
  /** Time from a platform request's arrival to its acknowledgement. */
  ack(platform: string, seconds: number): void;
  confirmation(decision: ConfirmationDecision): void;
  /** One item of a durable job finished (`ok`, `failed`, `skipped` …): for the job runner to call. */
  jobItem(outcome: string): void;
}

export const NO_OBSERVER: Observer = {
  command: () => {},
  ack: () => {},
  confirmation: () => {},
  jobItem: () => {},
  vendorRequest: () => {},
  rateLimitWait: () => {},
};
