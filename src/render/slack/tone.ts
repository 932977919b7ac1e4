/**
 * The outcome's tone, shown once at the start of the header where the eye
 * lands first. A plain read carries no marker: an emoji that says
 * "information" tells nothing the answer itself does not.
 */
import type { Tone } from '../../view/view.js';

export const TONE_EMOJI: Record<Tone, string> = {
  ok: ':white_check_mark:',
  error: ':x:',
  warning: ':warning:',
  info: '',
  pending: ':hourglass_flowing_sand:',
};
