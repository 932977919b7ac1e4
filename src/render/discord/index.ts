export {
  type ButtonRow,
  CANCEL_PREFIX,
  CONFIRM_PREFIX,
  confirmRow,
  JOB_BUTTON,
  jobRow,
  PAGE_PREFIX,
  pageRow,
} from './components.js';
export { renderNotice, renderPages } from './embed.js';
export { escapeCode, escapeText } from './escape.js';
export { DISCORD_LIMITS, truncate } from './limits.js';
export { MODAL_PREFIX, TYPED_INPUT, typeToConfirmModal } from './modal.js';
