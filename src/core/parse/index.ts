export { formatCommandText, formatOption, formatPositional, quoteValue } from './format.js';
export { FLAG_NAME, OPTION_KEY, type ParseResult, parseCommandText } from './parse-command.js';
export { MAX_COMMAND_LENGTH, type Token, type TokenizeResult, tokenize } from './tokenize.js';
export {
  BOOLEAN_EXPECTED,
  booleanValue,
  intValue,
  LIST_EXPECTED,
  listOf,
  listValue,
  parseIsoTime,
  TIME_EXPECTED,
  timeValue,
} from './values.js';
