/**
 * Error ids tie what a person is shown ("error id 7f3a09c2") to the one log
 * line that holds the details, without showing those details.
 */
import { randomBytes } from 'node:crypto';

/** 32 random bits as 8 hex digits: enough to find one line in a day of logs. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** The little of a logger the core's failure paths need (pino's `error`). */
export interface ErrorLog {
  error(fields: Record<string, unknown>, message: string): void;
}
