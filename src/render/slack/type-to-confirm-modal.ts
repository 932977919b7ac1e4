/**
 * The type-to-confirm modal (DESIGN.md "Durable jobs → Bulk"): a bulk plan
 * over `bulkTypeToConfirm` rooms is approved by typing the account name.
 * Slack checks a modal's limits before it opens it (PLATFORMS.md "Second
 * stage facts" 1; docs.slack.dev reference/views/modal-views): title, submit
 * and close plain_text ≤ 24 characters, submit required with an input block,
 * private_metadata ≤ 3000 characters.
 */
import type { types } from '@slack/bolt';
import { MAX_TYPED_LENGTH, type TypeToConfirm } from '../../core/jobs/type-to-confirm.js';
import { fitEscaped } from './escape.js';

export const TYPE_TO_CONFIRM_CALLBACK = 'bulk_type_to_confirm';
/** The input block: its id is the key of an inline error (`response_action: errors`). */
export const TYPED_BLOCK = 'confirm_account';
export const TYPED_ACTION = 'typed';

export const MODAL_LIMITS = {
  title: 24,
  button: 24,
  privateMetadata: 3000,
  blocks: 100,
  label: 2000,
} as const;

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: fitEscaped(text, max),
  emoji: true,
});

/** The modal for `typing`; `privateMetadata` (≤ 3000 characters) comes back with the submission. */
export function typeToConfirmModal(typing: TypeToConfirm, privateMetadata: string): types.ModalView {
  if (privateMetadata.length > MODAL_LIMITS.privateMetadata)
    throw new RangeError(`private_metadata is ${privateMetadata.length} characters; Slack takes 3000`);
  const account = fitEscaped(typing.expected, 200);
  const action = fitEscaped(typing.action, 100);
  return {
    type: 'modal',
    callback_id: TYPE_TO_CONFIRM_CALLBACK,
    private_metadata: privateMetadata,
    title: plain(`Confirm ${typing.action}`, MODAL_LIMITS.title),
    submit: plain('Confirm', MODAL_LIMITS.button),
    close: plain('Go back', MODAL_LIMITS.button),
    blocks: [
      {
        type: 'section',
        block_id: 'what_happens',
        text: {
          type: 'mrkdwn',
          text: `This will *${action}* *${typing.rooms} rooms* on the account *${account}*, one by one, at the account's rate limit. Type the account name to confirm.`,
        },
      },
      {
        type: 'input',
        block_id: TYPED_BLOCK,
        label: plain(`Type the account name: ${typing.expected}`, MODAL_LIMITS.label),
        element: {
          type: 'plain_text_input',
          action_id: TYPED_ACTION,
          max_length: MAX_TYPED_LENGTH,
        },
      },
    ],
  };
}
