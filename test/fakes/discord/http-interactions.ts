/**
 * Discord's side of HTTP interactions: an application key pair generated
 * with node:crypto (Ed25519), requests signed as Discord signs them
 * (`X-Signature-Ed25519` over `X-Signature-Timestamp` + body), sent to
 * RoomOps' `/discord/interactions` over loopback. RoomOps' HTTP answer is
 * recorded on the FakeDiscord as the interaction's callback, so the same
 * assertions and limits apply as for the gateway.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { FakeDiscord, SentInteraction } from './server.js';

type Json = Record<string, unknown>;

export interface SigningKey {
  /** The application's public key as the developer portal shows it (64 hex). */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function generateSigningKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The DER SPKI form is a 12-byte header and then the raw 32-byte key.
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  return { publicKeyHex: raw.toString('hex'), privateKey };
}

export function signRequest(key: KeyObject, timestamp: string, body: string): string {
  return sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), key).toString('hex');
}

export interface PostOptions {
  /** Unix seconds; default now. */
  timestamp?: string;
  /** Replace the signature (a forged one), or leave it out with `null`. */
  signature?: string | null;
  /** Sign with this key instead (another application's). */
  signWith?: KeyObject;
  /** Send exactly this body text (e.g. a replay) instead of JSON of the payload. */
  rawBody?: string;
}

export interface PostedInteraction {
  sent: SentInteraction;
  status: number;
  /** RoomOps' answer, parsed (undefined when empty). */
  answer: Json | undefined;
  /** From sending the request to the complete answer, ms. */
  ms: number;
}

export class DiscordInteractionSender {
  constructor(
    readonly fake: FakeDiscord,
    readonly key: SigningKey,
    /** RoomOps' `…/discord/interactions` URL. */
    public url: string,
  ) {}

  async post(payload: Json, options: PostOptions = {}): Promise<PostedInteraction> {
    const body = options.rawBody ?? JSON.stringify(payload);
    const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
    const signature =
      options.signature === undefined
        ? signRequest(options.signWith ?? this.key.privateKey, timestamp, body)
        : options.signature;
    const tracked = this.fake.trackHttpInteraction(payload);
    const started = performance.now();
    const reply = await fetch(this.url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-signature-timestamp': timestamp,
        ...(signature === null ? {} : { 'x-signature-ed25519': signature }),
      },
    });
    const text = await reply.text();
    const ms = performance.now() - started;
    const answer =
      text.length > 0 && reply.headers.get('content-type')?.startsWith('application/json')
        ? (JSON.parse(text) as Json)
        : undefined;
    tracked.answered(reply.status, reply.status === 200 ? answer : undefined);
    return { sent: tracked.sent, status: reply.status, answer, ms };
  }
}
