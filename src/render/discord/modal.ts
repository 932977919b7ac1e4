/**
 * The type-to-confirm modal (DESIGN.md "Bulk"; PLATFORMS.md item 11): one
 * short text input `typed` for the account name, in the Label form
 * (component type 18 holding a text input, type 4). Discord: custom_id
 * 1–100, title ≤ 45, label ≤ 45, description ≤ 100.
 */
import { type APIModalInteractionResponseCallbackData, ComponentType, TextInputStyle } from 'discord.js';
import type { TypeToConfirm } from '../../core/jobs/type-to-confirm.js';
import { MAX_TYPED_LENGTH } from '../../core/jobs/type-to-confirm.js';
import { truncate } from './limits.js';

export const MODAL_PREFIX = 'bulk_confirm:';
export const TYPED_INPUT = 'typed';
const TITLE_MAX = 45;
const LABEL_MAX = 45;
const DESCRIPTION_MAX = 100;

export function typeToConfirmModal(typing: TypeToConfirm): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `${MODAL_PREFIX}${typing.pendingId}`,
    title: truncate(`Confirm ${typing.action} of ${typing.rooms} rooms`, TITLE_MAX),
    components: [
      {
        type: ComponentType.Label,
        label: truncate('Type the account name to confirm', LABEL_MAX),
        description: truncate(
          `${typing.action} ${typing.rooms} rooms on ${typing.expected}: type ${typing.expected}`,
          DESCRIPTION_MAX,
        ),
        component: {
          type: ComponentType.TextInput,
          custom_id: TYPED_INPUT,
          style: TextInputStyle.Short,
          min_length: 1,
          max_length: MAX_TYPED_LENGTH,
          required: true,
        },
      },
    ],
  };
}
