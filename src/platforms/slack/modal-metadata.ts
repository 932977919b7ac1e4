/**
 * What the type-to-confirm modal carries in its `private_metadata`: a
 * view_submission has no channel, message or response_url (PLATFORMS.md
 * "Second stage facts" 2), so the pending id and where the click was travel
 * with the modal. It comes back from Slack as input: parsed with zod,
 * bounded, every id checked before it reaches the engine or a Web API call.
 */
import { z } from 'zod';
import { MODAL_LIMITS } from '../../render/slack/index.js';
import type { DecisionPlace } from './decision-flow.js';
import { CHANNEL_ID, MESSAGE_TS } from './slack-ids.js';

export interface ModalMetadata {
  pendingId: string;
  place: DecisionPlace;
}

/** Pending ids are 24 base64url characters (src/store/pending-actions.ts); a little room to spare. */
const PENDING_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Keeps the whole metadata well under Slack's 3000 characters. */
const MAX_URL = 2000;

const responseUrl = z
  .string()
  .max(MAX_URL)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  });

const wire = z.union([
  z.strictObject({ op: z.string().regex(PENDING_ID), home: z.literal(true) }),
  z.strictObject({
    op: z.string().regex(PENDING_ID),
    r: responseUrl,
    c: z.string().regex(CHANNEL_ID).optional(),
    ts: z.string().regex(MESSAGE_TS).optional(),
  }),
]);

/** Short keys: the response_url takes most of the room. */
export function encodeModalMetadata(metadata: ModalMetadata): string {
  const { pendingId: op, place } = metadata;
  const json = JSON.stringify(
    place.at === 'home'
      ? { op, home: true }
      : {
          op,
          r: place.responseUrl,
          ...(place.channel && CHANNEL_ID.test(place.channel) ? { c: place.channel } : {}),
          ...(place.ts && MESSAGE_TS.test(place.ts) ? { ts: place.ts } : {}),
        },
  );
  if (json.length > MODAL_LIMITS.privateMetadata || !decodeModalMetadata(json))
    throw new RangeError('this click cannot be carried in a modal (an id or its response_url is malformed)');
  return json;
}

/** Undefined when the metadata is not one RoomOps wrote. */
export function decodeModalMetadata(raw: unknown): ModalMetadata | undefined {
  if (typeof raw !== 'string' || raw.length > MODAL_LIMITS.privateMetadata) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = wire.safeParse(json);
  if (!parsed.success) return undefined;
  const m = parsed.data;
  if ('home' in m) return { pendingId: m.op, place: { at: 'home' } };
  return {
    pendingId: m.op,
    place: {
      at: 'prompt',
      responseUrl: m.r,
      ...(m.c ? { channel: m.c } : {}),
      ...(m.ts ? { ts: m.ts } : {}),
    },
  };
}
