/**
 * The `Authorization: Bearer <app token>` header. Either the account's fixed
 * `appToken`, or an AccessToken2 app token built from `appId` +
 * `appCertificate` with agora-token's ChatTokenBuilder (agora.md §1), cached
 * and rebuilt once `renewAt` of its lifetime has passed, so a token is never
 * sent close to its expiry (Agora caps app tokens at 24 h).
 */
import agoraToken from 'agora-token';
import type { AgoraAccount } from '../account.js';
import { VendorError } from '../errors.js';

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
export const DEFAULT_RENEW_AT = 0.8;
const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

export interface AppTokenOptions {
  /** Lifetime of built tokens in seconds (default 3600, at most 24 h). */
  lifetimeSeconds?: number;
  /** Fraction of the lifetime after which a new token is built (default 0.8). */
  renewAt?: number;
  /** Clock in ms (tests). */
  now?: () => number;
}

export class AgoraAppToken {
  private cached: { token: string; renewAfterMs: number } | undefined;
  private readonly lifetimeSeconds: number;
  private readonly renewAt: number;
  private readonly now: () => number;

  constructor(
    private readonly account: Pick<AgoraAccount, 'appToken' | 'appId' | 'appCertificate'>,
    options: AppTokenOptions = {},
  ) {
    this.lifetimeSeconds = Math.min(
      Math.max(1, Math.floor(options.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS)),
      MAX_TOKEN_LIFETIME_SECONDS,
    );
    this.renewAt = Math.min(Math.max(options.renewAt ?? DEFAULT_RENEW_AT, 0), 1);
    this.now = options.now ?? Date.now;
  }

  /** The token to send now. */
  current(): string {
    if (this.account.appToken) return this.account.appToken;
    const now = this.now();
    if (this.cached && now < this.cached.renewAfterMs) return this.cached.token;
    const { appId, appCertificate } = this.account;
    // The account schema guarantees appToken or both of these.
    const token = agoraToken.ChatTokenBuilder.buildAppToken(
      appId ?? '',
      appCertificate ?? '',
      this.lifetimeSeconds,
    );
    if (!token) {
      // agora-token returns '' unless both are 32 hex digits; say which without echoing them.
      throw new VendorError(
        'vendor_auth',
        'agora: appId and appCertificate must each be 32 hexadecimal characters to build an app token',
      );
    }
    this.cached = { token, renewAfterMs: now + this.lifetimeSeconds * 1000 * this.renewAt };
    return token;
  }

  header(): Record<string, string> {
    return { authorization: `Bearer ${this.current()}` };
  }
}
