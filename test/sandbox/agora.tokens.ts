/**
 * Test helpers for Agora AccessToken2 app tokens: build one with chosen issue
 * time, salt, expiry and privilege through agora-token's own AccessToken2
 * class, and tamper with a token's signed payload.
 */
import { createRequire } from 'node:module';
import { deflateSync, inflateSync } from 'node:zlib';

interface ChatService {
  add_privilege(privilege: number, expire: number): void;
}
interface AccessToken2Instance {
  salt: number;
  add_service(service: ChatService): void;
  build(): string;
}
interface AccessToken2Module {
  AccessToken2: new (
    appId: string,
    appCertificate: string,
    issueTs: number,
    expire: number,
  ) => AccessToken2Instance;
  ServiceChat: new (userId?: string) => ChatService;
}

const require = createRequire(import.meta.url);
const { AccessToken2, ServiceChat } = require('agora-token/src/AccessToken2.js') as AccessToken2Module;

export interface TokenSpec {
  appId: string;
  appCertificate: string;
  issueTs: number;
  expire: number;
  salt?: number;
  /** 2 = app privilege (default), 1 = user privilege. */
  privilege?: number;
  userId?: string;
}

export function buildToken(spec: TokenSpec): string {
  const token = new AccessToken2(spec.appId, spec.appCertificate, spec.issueTs, spec.expire);
  token.salt = spec.salt ?? 12345;
  const chat = new ServiceChat(spec.userId);
  chat.add_privilege(spec.privilege ?? 2, spec.expire);
  token.add_service(chat);
  return token.build();
}

/** The inflated payload: str(sig) | signing_info. */
export function payloadOf(token: string): Buffer {
  return inflateSync(Buffer.from(token.slice(3), 'base64'));
}

/** Flips one bit at `offset` of the inflated payload and re-packs the token. */
export function tamper(token: string, offset: number): string {
  const payload = Buffer.from(payloadOf(token));
  payload[offset] = payload[offset]! ^ 0x01;
  return `007${deflateSync(payload).toString('base64')}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
