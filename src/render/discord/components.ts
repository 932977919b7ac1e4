/**
 * Buttons: the confirmation pair with DESIGN.md's fixed custom ids
 * (`room_confirm:<id>` danger, `room_cancel:<id>` secondary), a job's
 * controls (`job_<control>:<id>`: 4 + 7 + 18 characters at most) and the
 * pager for long lists (`room_page:<key>:<index>`), all well under 100.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { JobControl } from '../../core/jobs/job-controls.js';
import type { ViewConfirm } from '../../view/view.js';
import { DISCORD_LIMITS as L, truncate } from './limits.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export const CONFIRM_PREFIX = 'room_confirm:';
export const CANCEL_PREFIX = 'room_cancel:';
export const PAGE_PREFIX = 'room_page:';
/** A job's buttons (DESIGN.md "Durable jobs"): `job_cancel:<id>`, `job_undo:<id>`, `job_retry:<id>`. */
export const JOB_BUTTON = /^job_(cancel|retry|undo):(.+)$/;

const JOB_LABEL: Record<JobControl, string> = { cancel: 'Cancel', retry: 'Retry failed', undo: 'Undo' };

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

/** One button per control the job's message offers now; none when it offers nothing. */
export function jobRow(jobId: string, controls: readonly JobControl[]): ButtonRow[] {
  if (controls.length === 0) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: controls.map((control) =>
        button(
          `job_${control}:${jobId}`,
          JOB_LABEL[control],
          control === 'retry' ? ButtonStyle.Primary : ButtonStyle.Secondary,
        ),
      ),
    },
  ];
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
