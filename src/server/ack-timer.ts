/**
 * `roomops_ack_seconds`: from a platform request's arrival to the end of its
 * HTTP response, which for Slack and Discord HTTP interactions is the
 * acknowledgement they wait at most 3 seconds for.
 */
import type { ServerResponse } from 'node:http';
import type { Observer } from '../core/observer.js';

const PLATFORM_PATHS: Readonly<Record<string, string>> = {
  '/slack/events': 'slack',
  '/discord/interactions': 'discord',
};

export function timeAck(path: string, res: ServerResponse, observer: Observer): void {
  const platform = PLATFORM_PATHS[path];
  if (!platform) return;
  const arrived = performance.now();
  res.once('finish', () => observer.ack(platform, (performance.now() - arrived) / 1000));
}
