/**
 * AccessToken2 ("007…") decoding and verification, as Agora's servers check an
 * app token (shared/vendors/agora.md §1): strip `007`, base64-decode, inflate,
 * read `str(sig)` then `signing_info`, recompute the HMAC chain from the App
 * Certificate, then check the Chat service carries the app privilege and the
 * token has not expired. Token strings are never compared: another zlib build
 * compresses the same payload differently and is equally valid.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { inflateSync } from 'node:zlib';

export const TOKEN_VERSION = '007';
export const CHAT_SERVICE = 5;
export const PRIVILEGE_CHAT_USER = 1;
export const PRIVILEGE_CHAT_APP = 2;

export interface DecodedService {
  type: number;
  /** privilege id → relative expiry in seconds */
  privileges: Map<number, number>;
  /** Chat: the user id ('' for app tokens). */
  userId?: string;
}

export interface DecodedAccessToken {
  signature: Buffer;
  /** The signed bytes, exactly as they were in the token. */
  signingInfo: Buffer;
  appId: string;
  issueTs: number;
  /** Seconds after issueTs the token is valid for. */
  expire: number;
  salt: number;
  services: DecodedService[];
}

/** Little-endian reader over the token payload; throws on truncation. */
class PayloadReader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.offset;
  }
  get position(): number {
    return this.offset;
  }
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16LE(this.offset);
    this.offset += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.offset);
    this.offset += 4;
    return v;
  }
  bytes(): Buffer {
    const length = this.u16();
    this.need(length);
    const v = this.buf.subarray(this.offset, this.offset + length);
    this.offset += length;
    return v;
  }
  private need(n: number): void {
    if (this.offset + n > this.buf.length) throw new Error('token payload truncated');
  }
}

/** Service payload layouts after the privilege map (agora-token src/AccessToken2.js). */
const STRING_FIELDS_BY_SERVICE: Record<number, number> = { 1: 2, 2: 1, 3: 2, 4: 0, 5: 1, 6: 2 };

/** Decodes a 007 token; throws when it is not one or is corrupt. */
export function decodeAccessToken2(token: string): DecodedAccessToken {
  if (!token.startsWith(TOKEN_VERSION)) throw new Error('not an AccessToken2 (007) token');
  const b64 = token.slice(TOKEN_VERSION.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new Error('token is not base64');
  const payload = inflateSync(Buffer.from(b64, 'base64'));
  const outer = new PayloadReader(payload);
  const signature = Buffer.from(outer.bytes());
  const signingInfo = payload.subarray(outer.position);

  const r = new PayloadReader(signingInfo);
  const appId = r.bytes().toString('utf8');
  const issueTs = r.u32();
  const expire = r.u32();
  const salt = r.u32();
  const serviceCount = r.u16();
  const services: DecodedService[] = [];
  for (let i = 0; i < serviceCount; i += 1) {
    const type = r.u16();
    const privileges = new Map<number, number>();
    const count = r.u16();
    for (let p = 0; p < count; p += 1) privileges.set(r.u16(), r.u32());
    const strings = STRING_FIELDS_BY_SERVICE[type];
    // An unknown service's layout cannot be skipped safely; the signature still covers it.
    if (strings === undefined) break;
    const fields: string[] = [];
    for (let s = 0; s < strings; s += 1) fields.push(r.bytes().toString('utf8'));
    services.push({ type, privileges, ...(type === CHAT_SERVICE ? { userId: fields[0] ?? '' } : {}) });
  }
  return { signature, signingInfo: Buffer.from(signingInfo), appId, issueTs, expire, salt, services };
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** sig = HMAC(HMAC(HMAC(u32 issueTs, certificate), u32 salt … ) — agora.md §1. */
export function signAccessToken2(
  appCertificate: string,
  issueTs: number,
  salt: number,
  signingInfo: Buffer,
): Buffer {
  const key1 = createHmac('sha256', u32le(issueTs)).update(appCertificate, 'utf8').digest();
  const key2 = createHmac('sha256', u32le(salt)).update(key1).digest();
  return createHmac('sha256', key2).update(signingInfo).digest();
}

export type TokenCheck =
  | { ok: true; token: DecodedAccessToken }
  | { ok: false; error: 'unauthorized' | 'auth_bad_access_token'; description: string };

/** Verifies an app token against the configured App ID and Certificate at `nowSeconds`. */
export function verifyAppToken(
  token: string,
  app: { appId: string; appCertificate: string },
  nowSeconds: number,
): TokenCheck {
  const corrupt = (why: string): TokenCheck => ({
    ok: false,
    error: 'auth_bad_access_token',
    description: `Unable to authenticate due to corrupt access token (${why})`,
  });
  let decoded: DecodedAccessToken;
  try {
    decoded = decodeAccessToken2(token);
  } catch (error) {
    return corrupt(error instanceof Error ? error.message : 'undecodable');
  }
  if (decoded.appId !== app.appId) return corrupt('issued for another app');
  const expected = signAccessToken2(app.appCertificate, decoded.issueTs, decoded.salt, decoded.signingInfo);
  if (decoded.signature.length !== expected.length || !timingSafeEqual(decoded.signature, expected)) {
    return corrupt('signature mismatch');
  }
  const chat = decoded.services.find((s) => s.type === CHAT_SERVICE);
  const appPrivilege = chat?.privileges.get(PRIVILEGE_CHAT_APP);
  if (!chat || appPrivilege === undefined) return corrupt('not a Chat app-privilege token');
  const expiresAt = decoded.issueTs + Math.min(decoded.expire, appPrivilege);
  if (expiresAt <= nowSeconds) {
    return {
      ok: false,
      error: 'unauthorized',
      description: 'Unable to authenticate due to expired access token',
    };
  }
  return { ok: true, token: decoded };
}
