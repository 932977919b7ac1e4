/**
 * Discord signs every HTTP interaction: `X-Signature-Ed25519` (hex) over
 * `X-Signature-Timestamp` + the raw body, with the application's public key
 * (Discord docs, interactions/overview "Setting Up an Endpoint"). Checked
 * with node:crypto. Discord states no freshness window; RoomOps refuses a
 * timestamp more than 5 minutes away so a captured request cannot be
 * replayed later (the interaction ledger covers the 5 minutes).
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** RFC 8410 SubjectPublicKeyInfo header for a raw 32-byte Ed25519 key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
export const MAX_SKEW_SECONDS = 5 * 60;

/** Throws a message naming DISCORD_PUBLIC_KEY and its form when the key is not 64 hex digits. */
export function publicKeyFrom(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex.trim())) {
    throw new Error(
      "DISCORD_PUBLIC_KEY must be the application's public key from the Discord developer portal: 64 hexadecimal characters",
    );
  }
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex.trim(), 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds = Date.now() / 1000,
): SignatureCheck {
  if (!signature || !/^[0-9a-f]{128}$/i.test(signature))
    return { ok: false, reason: 'missing or malformed signature' };
  if (!timestamp || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'missing or malformed timestamp' };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS)
    return { ok: false, reason: 'timestamp out of range' };
  const valid = verify(
    null,
    Buffer.concat([Buffer.from(timestamp), body]),
    key,
    Buffer.from(signature, 'hex'),
  );
  return valid ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
