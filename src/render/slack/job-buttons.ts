/**
 * A job's buttons with DESIGN.md's fixed ids: `job_cancel:<id>`,
 * `job_undo:<id>` (a delete in its grace period) and, at the end,
 * `job_retry:<id>` (value = the job id too). Added under the message the
 * job's prompt became.
 */
import type { types } from '@slack/bolt';
import type { JobControl } from '../../core/jobs/job-controls.js';
import type { SlackMessage } from './blocks.js';
import { fitEscaped } from './escape.js';
import { SLACK_LIMITS as L } from './limits.js';

export const JOB_ACTION = /^job_(cancel|retry|undo):(.+)$/;

const LABEL: Record<JobControl, string> = { cancel: 'Cancel', retry: 'Retry failed', undo: 'Undo' };

/** `message` with one button per control; a message with no controls is returned as it is. */
export function withJobButtons(
  message: SlackMessage,
  jobId: string,
  controls: readonly JobControl[],
): SlackMessage {
  if (controls.length === 0) return message;
  const actions: types.ActionsBlock = {
    type: 'actions',
    block_id: 'job_controls',
    elements: controls.map((control) => ({
      type: 'button',
      action_id: `job_${control}:${jobId}`,
      value: jobId,
      text: { type: 'plain_text', text: fitEscaped(LABEL[control], L.buttonText), emoji: true },
      ...(control === 'retry' ? { style: 'primary' as const } : {}),
    })),
  };
  return {
    ...message,
    blocks: [...message.blocks, actions],
    ...(message.fallbackBlocks ? { fallbackBlocks: [...message.fallbackBlocks, actions] } : {}),
  };
}
