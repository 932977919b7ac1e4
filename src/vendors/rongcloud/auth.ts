/**
 * Signs every attempt of every request. VendorHttp calls this once per
 * attempt, so each retry goes out with its own nonce and timestamp.
 */
import type { RequestSpec } from '../http/types.js';
import { freshNonce, signRongcloud } from './sign.js';

export interface RongcloudCredentials {
  appKey: string;
  appSecret: string;
}

export function rongcloudAuthorizer(
  credentials: RongcloudCredentials,
  now: () => number = Date.now,
): (spec: RequestSpec) => Record<string, string> {
  return () => {
    const nonce = freshNonce();
    // Milliseconds, as the docs specify; the server also accepts seconds (the SDKs send those).
    const timestamp = String(now());
    return {
      'App-Key': credentials.appKey,
      Nonce: nonce,
      Timestamp: timestamp,
      Signature: signRongcloud(credentials.appSecret, nonce, timestamp),
    };
  };
}
