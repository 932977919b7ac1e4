/**
 * Pages of long lists, kept in memory for a short while so the pager buttons
 * can flip through them. Losing them (restart) only means running the command
 * again: nothing pending lives here.
 */
import { randomBytes } from 'node:crypto';
import type { APIEmbed } from 'discord.js';

interface Entry {
  pages: APIEmbed[];
  owner: string;
  expiresAt: number;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 500,
  ) {}

  put(pages: APIEmbed[], owner: string): string {
    const key = randomBytes(9).toString('base64url');
    this.entries.set(key, { pages, owner, expiresAt: Date.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return key;
  }

  get(key: string): { pages: APIEmbed[]; owner: string } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
