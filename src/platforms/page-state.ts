/**
 * Pages of a long answer (a list of rooms), kept in the store for a short
 * while under a random key so Previous/Next works on any replica and after
 * a restart (DESIGN.md "Discord HTTP interactions": page state lives in the
 * store, for Slack too). Only the person who asked may flip them (DESIGN.md
 * "Access applies everywhere"). Bounded three ways: each set keeps at most
 * `maxPages` pages and `maxBytes` of JSON, sets expire after `ttlMs`, and
 * the table keeps at most `maxSets` rows (pruned at most once a minute).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../core/logger.js';
import type { PlatformName } from '../core/types.js';
import type { PageStore } from '../store/types.js';

export interface PageStateOptions {
  ttlMs?: number;
  maxPages?: number;
  maxBytes?: number;
  maxSets?: number;
  now?: () => Date;
}

export type PageFlip<P> =
  { ok: true; page: P; total: number } | { ok: false; reason: 'gone' | 'not_yours'; message: string };

/** 96 random bits, base64url: 16 characters, fits Slack values and Discord custom ids. */
const KEY_SHAPE = /^[A-Za-z0-9_-]{16}$/;
const PRUNE_EVERY_MS = 60_000;

export const PAGES_GONE = 'These pages are no longer available. Run the command again to see the list.';
export const PAGES_NOT_YOURS =
  'Only the person who ran this command can turn its pages. Run it yourself to see the list.';

export class PageState {
  private readonly ttlMs: number;
  private readonly maxPages: number;
  private readonly maxBytes: number;
  private readonly maxSets: number;
  private readonly now: () => Date;
  private lastPrune = 0;

  constructor(
    private readonly store: PageStore,
    private readonly platform: PlatformName,
    private readonly logger: Logger,
    options: PageStateOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.maxPages = options.maxPages ?? 50;
    this.maxBytes = options.maxBytes ?? 512 * 1024;
    this.maxSets = options.maxSets ?? 10_000;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Stores `pages` for `owner`; returns the key and how many pages were kept
   * (the first always; later ones while the caps allow), for the pager.
   */
  async put<P>(pages: readonly P[], owner: string): Promise<{ key: string; total: number }> {
    const kept: P[] = [];
    let bytes = 2;
    for (const page of pages.slice(0, this.maxPages)) {
      const size = Buffer.byteLength(JSON.stringify(page)) + 1;
      if (kept.length > 0 && bytes + size > this.maxBytes) break;
      kept.push(page);
      bytes += size;
    }
    const key = randomBytes(12).toString('base64url');
    const createdAt = this.now();
    await this.store.put({
      key,
      platform: this.platform,
      owner,
      pages: kept,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + this.ttlMs),
    });
    await this.pruneNowAndThen(createdAt);
    return { key, total: kept.length };
  }

  /** Page `index` of set `key` for `asker`; keys and indexes come from a click, so they are checked first. */
  async flip<P>(key: string, index: number, asker: string): Promise<PageFlip<P>> {
    const gone = { ok: false, reason: 'gone', message: PAGES_GONE } as const;
    if (!KEY_SHAPE.test(key) || !Number.isSafeInteger(index) || index < 0) return gone;
    const set = await this.store.get(key, this.now());
    if (!set || set.platform !== this.platform) return gone;
    if (set.owner !== asker) return { ok: false, reason: 'not_yours', message: PAGES_NOT_YOURS };
    const page = set.pages[index] as P | undefined;
    if (page === undefined) return gone;
    return { ok: true, page, total: set.pages.length };
  }

  private async pruneNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    try {
      await this.store.prune(now, this.maxSets);
    } catch (error) {
      // Pruning is housekeeping: the pages were stored, so the answer goes out.
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'page sets: prune failed',
      );
    }
  }
}

/** Splits a pager value `<key>:<index>` as it came from a click. */
export function parsePageRef(value: string): { key: string; index: number } {
  const cut = value.lastIndexOf(':');
  const index = cut < 0 ? Number.NaN : Number(value.slice(cut + 1));
  return {
    key: cut < 0 ? '' : value.slice(0, cut),
    index: /^\d{1,3}$/.test(value.slice(cut + 1)) ? index : -1,
  };
}
