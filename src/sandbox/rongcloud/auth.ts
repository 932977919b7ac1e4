/**
 * The signature check RongCloud runs on every request (shared/vendors/
 * rongcloud.md §2, §6.1): four headers, under their plain or `RC-` names;
 * `Signature` must equal sha1hex(AppSecret + Nonce + Timestamp) for the
 * secret stored for `App-Key`. Timestamps in seconds and in milliseconds are
 * both accepted (the SDKs send seconds, the docs say milliseconds); no replay
 * window is enforced because none is documented.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { RC_CODES } from '../../vendors/rongcloud/codes.js';
import { signRongcloud } from '../../vendors/rongcloud/sign.js';
import { RcFailure } from './replies.js';

export interface RongcloudAppCredentials {
  appKey: string;
  appSecret: string;
}

export interface SignedHeaders {
  appKey: string;
  nonce: string;
  timestamp: string;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()] ?? headers[`rc-${name.toLowerCase()}`];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/** Returns the verified headers, or throws the service's refusal. */
export function verifySignature(
  headers: IncomingHttpHeaders,
  credentials: RongcloudAppCredentials,
): SignedHeaders {
  const appKey = header(headers, 'App-Key');
  const nonce = header(headers, 'Nonce');
  const timestamp = header(headers, 'Timestamp');
  const signature = header(headers, 'Signature');
  if (!appKey || !nonce || !timestamp || !signature) throw signatureError();
  // Status for an unknown key is unconfirmed; the vendor file's inference is 401.
  if (appKey !== credentials.appKey) throw new RcFailure(RC_CODES.param, 'invalid App-Key.', 401);
  if (!/^\d{10}(\d{3})?$/.test(timestamp)) throw signatureError();
  const expected = Buffer.from(signRongcloud(credentials.appSecret, nonce, timestamp), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw signatureError();
  return { appKey, nonce, timestamp };
}

const signatureError = () => new RcFailure(RC_CODES.signature, 'Signature Error.', 401);
