import type { Tone } from '../view.js';

/** Embed side colour per tone. */
export const TONE_COLOUR: Record<Tone, number> = {
  ok: 0x2e7d32,
  error: 0xc62828,
  warning: 0xf9a825,
  info: 0x1565c0,
  pending: 0xef6c00,
};
