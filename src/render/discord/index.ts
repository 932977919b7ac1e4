export {
  type ButtonRow,
  CANCEL_PREFIX,
  CONFIRM_PREFIX,
  confirmRow,
  PAGE_PREFIX,
  pageRow,
} from './components.js';
export { renderPages } from './embed.js';
export { escapeCode, escapeText } from './escape.js';
export { DISCORD_LIMITS, truncate } from './limits.js';
