/**
 * The command core's view of the error contract, which lives in src/shared/
 * so the store and the vendor clients share it without importing the core.
 */
export {
  CORE_ERROR_CODES,
  type CoreErrorCode,
  type ErrorCode,
  EXIT_STATUS,
  exitStatusFor,
} from '../shared/error-codes.js';
export {
  ConfigError,
  type CodedError,
  type ErrorContext,
  InputError,
  isRoomOpsError,
  RoomOpsError,
} from '../shared/coded-error.js';
