export { renderNotice, renderPages, type SlackMessage, textLength, withPager } from './blocks.js';
export { CANCEL_ACTION, CONFIRM_ACTION, PAGE_ACTION } from './buttons.js';
export { escapeCode, escapeSlack, fitEscaped } from './escape.js';
export { SLACK_LIMITS, truncate } from './limits.js';
export { JOB_ACTION, withJobButtons } from './job-buttons.js';
export {
  MODAL_LIMITS,
  TYPE_TO_CONFIRM_CALLBACK,
  TYPED_ACTION,
  TYPED_BLOCK,
  typeToConfirmModal,
} from './type-to-confirm-modal.js';
