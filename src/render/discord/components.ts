/**
 * Buttons: the confirmation pair with DESIGN.md's fixed custom ids
 * (`room_confirm:<id>` danger, `room_cancel:<id>` secondary) and the pager
 * for long lists (`room_page:<key>:<index>`, well under 100 characters).
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { ViewConfirm } from '../../view/view.js';
import { DISCORD_LIMITS as L, truncate } from './limits.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export const CONFIRM_PREFIX = 'room_confirm:';
export const CANCEL_PREFIX = 'room_cancel:';
export const PAGE_PREFIX = 'room_page:';

function button(
  customId: string,
  label: string,
  style: APIButtonComponentWithCustomId['style'],
  disabled = false,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: truncate(label, L.buttonLabel),
    style,
    disabled,
  };
}

export function confirmRow(confirm: ViewConfirm): ButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: [
      button(`${CONFIRM_PREFIX}${confirm.pendingId}`, confirm.confirmLabel, ButtonStyle.Danger),
      button(`${CANCEL_PREFIX}${confirm.pendingId}`, 'Cancel', ButtonStyle.Secondary),
    ],
  };
}

/** Previous / next for page `index` (0-based) of `total`. */
export function pageRow(key: string, index: number, total: number): ButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: [
      button(`${PAGE_PREFIX}${key}:${index - 1}`, '◀ Previous', ButtonStyle.Secondary, index <= 0),
      button(`${PAGE_PREFIX}${key}:${index + 1}`, 'Next ▶', ButtonStyle.Secondary, index >= total - 1),
    ],
  };
}
