/** The little the store logs: warnings (pino's `warn`, or `console`). */
export interface StoreLogger {
  warn(...args: unknown[]): void;
}
