/** A small marker per tone, so an answer's nature shows before it is read. */
import type { Tone } from '../view.js';

export const TONE_EMOJI: Record<Tone, string> = {
  ok: ':white_check_mark:',
  error: ':x:',
  warning: ':warning:',
  info: ':information_source:',
  pending: ':hourglass_flowing_sand:',
};
