/**
 * Pages of a long answer, kept in memory for a short while under a random
 * key so the Previous/Next buttons can show them. Bounded in size and age;
 * a click after that gets "run the command again". (Per process: after a
 * restart, or on another replica, the pages are simply gone.)
 */
import { randomBytes } from 'node:crypto';
import type { SlackMessage } from '../../render/slack/index.js';

const MAX_ENTRIES = 1000;

export class PageCache {
  private readonly entries = new Map<string, { pages: SlackMessage[]; expiresAt: number }>();

  constructor(private readonly ttlMs = 15 * 60_000) {}

  put(pages: SlackMessage[]): string {
    const key = randomBytes(12).toString('base64url');
    this.entries.set(key, { pages, expiresAt: Date.now() + this.ttlMs });
    this.prune();
    return key;
  }

  get(key: string): SlackMessage[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.pages;
  }

  private prune(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
