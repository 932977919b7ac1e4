/**
 * One timeout for every call RoomOps makes to Slack and Discord (DESIGN.md
 * "Nothing lost after the vendor acted": every outbound request has a
 * timeout): `response_url` posts, the Slack Web API and Discord REST. Without
 * it a platform that stops answering holds a reply, and so shutdown, for as
 * long as the TCP stack allows. `ROOMOPS_OUTBOUND_TIMEOUT_MS` overrides the default.
 */
import { ConfigError } from '../core/errors.js';

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;
const MIN_MS = 100;
const MAX_MS = 120_000;

/** Retries after a timeout or 5xx; with the timeout this bounds one call at about 3 × timeout. */
export const OUTBOUND_RETRIES = 2;

export function outboundTimeoutMs(env: NodeJS.ProcessEnv): number {
  const raw = env.ROOMOPS_OUTBOUND_TIMEOUT_MS;
  if (raw === undefined || raw === '') return DEFAULT_OUTBOUND_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < MIN_MS || ms > MAX_MS)
    throw new ConfigError(
      `ROOMOPS_OUTBOUND_TIMEOUT_MS must be a whole number of milliseconds from ${MIN_MS} to ${MAX_MS}, not "${raw}"`,
    );
  return ms;
}
