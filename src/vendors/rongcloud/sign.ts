/**
 * RongCloud's request signature (shared/vendors/rongcloud.md §2):
 * `Signature = hex(SHA1(AppSecret + Nonce + Timestamp))`, lowercase, the three
 * strings concatenated exactly as sent, no separators. The body is not signed.
 * Pure, so the client and the emulator use the very same function.
 */
import { createHash, randomInt } from 'node:crypto';

export function signRongcloud(secret: string, nonce: string, timestamp: string): string {
  return createHash('sha1')
    .update(secret + nonce + timestamp, 'utf8')
    .digest('hex');
}

/**
 * A fresh nonce: decimal digits as the Go SDK sends (`rand.Int()`), at most 15
 * characters because the current docs limit it to 18.
 */
export function freshNonce(): string {
  return String(randomInt(1, 2 ** 48 - 1));
}
