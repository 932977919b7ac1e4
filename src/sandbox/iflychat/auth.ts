/**
 * The checks every iFlyChat endpoint makes before its own work: a body the
 * server can read (JSON, urlencoded or multipart — all three are accepted,
 * shared/vendors/iflychat.md §1 "Body encoding"), and the private `api_key`
 * carried in that body (never a header). A bad key is 403 `invalid api_key`
 * (emulator convention; the vendor documents no error bodies).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { EmulatorRequest, EmulatorResponse, Handler } from '../kit/types.js';
import type { Body } from './fields.js';
import { failure, invalidApiKey } from './replies.js';

const READABLE = new Set(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']);

export type BodyHandler = (body: Body, req: EmulatorRequest) => EmulatorResponse;

/** Wraps a handler with body decoding checks and the api_key check. */
export function withApiKey(apiKey: string, handler: BodyHandler): Handler {
  return (req) => {
    const read = readableBody(req);
    if ('reply' in read) return read.reply;
    const key = read.body.api_key;
    if (typeof key !== 'string' || !sameSecret(key, apiKey)) return invalidApiKey();
    return handler(read.body, req);
  };
}

function readableBody(req: EmulatorRequest): { body: Body } | { reply: EmulatorResponse } {
  // No body at all: nothing carries an api_key.
  if (req.rawBody.trim() === '') return { body: {} };
  if (!READABLE.has(req.contentType)) {
    return {
      reply: failure(
        415,
        'unsupported content type; send application/json, application/x-www-form-urlencoded or multipart/form-data',
      ),
    };
  }
  if (req.body === undefined) return { reply: failure(400, 'request body could not be parsed') };
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    return { reply: failure(400, 'request body must be an object of fields') };
  }
  return { body: req.body as Body };
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
