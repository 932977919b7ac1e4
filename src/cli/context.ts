import { createLogger, type Logger } from '../core/logger.js';

export interface CliContext {
  configPath?: string;
  /** Log level when ROOMOPS_LOG_LEVEL is not set. */
  defaultLevel: string;
}

let cached: Logger | undefined;

export function cliLogger(cli: CliContext): Logger {
  cached ??= createLogger(cli.defaultLevel);
  return cached;
}
