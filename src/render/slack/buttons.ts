/**
 * Buttons: the confirmation pair with DESIGN.md's fixed action ids
 * (`room_confirm` danger with Slack's confirm dialog, `room_cancel`; value =
 * the pending action's id) and the pager for long lists (`room_page`,
 * value `<key>:<index>`).
 */
import type { types } from '@slack/bolt';
import type { ViewConfirm } from '../../view/view.js';
import { fitEscaped } from './escape.js';
import { SLACK_LIMITS as L } from './limits.js';

export const CONFIRM_ACTION = 'room_confirm';
export const CANCEL_ACTION = 'room_cancel';
export const PAGE_ACTION = 'room_page';

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: fitEscaped(text, max),
  emoji: true,
});

/**
 * Slack's reference marks all four dialog fields required and plain_text
 * (title ≤100, text ≤300, confirm/deny ≤30: PLATFORMS.md "Slack confirm dialog").
 */
export function confirmBlock(confirm: ViewConfirm, description: string): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: 'room_decision',
    elements: [
      {
        type: 'button',
        action_id: CONFIRM_ACTION,
        value: confirm.pendingId,
        style: 'danger',
        text: plain(confirm.confirmLabel, L.buttonText),
        ...(confirm.typed
          ? {}
          : {
              confirm: {
                title: plain(confirm.question, L.confirmTitle),
                text: plain(description || confirm.question, L.confirmText),
                confirm: plain(confirm.confirmLabel, L.confirmButton),
                deny: plain('Go back', L.confirmButton),
                style: 'danger' as const,
              },
            }),
      },
      {
        type: 'button',
        action_id: CANCEL_ACTION,
        value: confirm.pendingId,
        text: plain('Cancel', L.buttonText),
      },
    ],
  };
}

/** Previous / Next for page `index` (0-based) of `total`; a button is left out at either end. */
export function pagerBlock(key: string, index: number, total: number): types.ActionsBlock {
  const elements: types.Button[] = [];
  if (index > 0)
    elements.push({
      type: 'button',
      action_id: `${PAGE_ACTION}_prev`,
      value: `${key}:${index - 1}`,
      text: plain('◀ Previous', L.buttonText),
    });
  if (index < total - 1)
    elements.push({
      type: 'button',
      action_id: `${PAGE_ACTION}_next`,
      value: `${key}:${index + 1}`,
      text: plain('Next ▶', L.buttonText),
    });
  return { type: 'actions', block_id: 'room_pager', elements };
}
