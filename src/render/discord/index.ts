export { renderPages } from './embed.js';
export { confirmRow, pageRow, type ButtonRow, CONFIRM_PREFIX, CANCEL_PREFIX, PAGE_PREFIX } from './components.js';
export { escapeText, escapeCode } from './escape.js';
export { DISCORD_LIMITS, truncate } from './limits.js';
