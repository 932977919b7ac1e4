export { tokenize, MAX_COMMAND_LENGTH, type Token, type TokenizeResult } from './tokenize.js';
export { parseCommandText, OPTION_KEY, FLAG_NAME, type ParseResult } from './parse-command.js';
export { formatCommandText, formatOption, formatPositional, quoteValue } from './format.js';
export {
  booleanValue,
  listValue,
  listOf,
  timeValue,
  intValue,
  parseIsoTime,
  BOOLEAN_EXPECTED,
  LIST_EXPECTED,
  TIME_EXPECTED,
} from './values.js';
