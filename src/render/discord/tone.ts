import type { Tone } from '../../view/view.js';

/** Embed side colour per tone. */
export const TONE_COLOUR: Record<Tone, number> = {
  ok: 0x2e7d32,
  error: 0xc62828,
  warning: 0xf9a825,
  info: 0x1565c0,
  pending: 0xef6c00,
};

/** The tone's marker at the start of the title, shown once; a plain read has none. */
export const TONE_MARK: Record<Tone, string> = {
  ok: '✅',
  error: '❌',
  warning: '⚠️',
  info: '',
  pending: '⏳',
};
