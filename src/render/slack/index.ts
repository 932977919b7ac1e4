export { renderPages, renderNotice, withPager, textLength, type SlackMessage } from './blocks.js';
export { CONFIRM_ACTION, CANCEL_ACTION, PAGE_ACTION } from './buttons.js';
export { escapeSlack, escapeCode, fitEscaped } from './escape.js';
export { SLACK_LIMITS, truncate } from './limits.js';
