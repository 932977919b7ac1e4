/**
 * pino, writing to stderr so `--json` output on stdout stays one object.
 * Level from ROOMOPS_LOG_LEVEL, else the caller's default (`info` when
 * serving, `warn` for `run` and `shell`).
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(defaultLevel: string, env: NodeJS.ProcessEnv = process.env): Logger {
  const level = env.ROOMOPS_LOG_LEVEL || defaultLevel;
  return pino(
    {
      level,
      base: undefined,
      // Belt and braces: credentials are scrubbed where they are produced, and
      // these paths are masked in case an object carrying one is ever logged.
      redact: {
        paths: [
          '*.apiKey',
          '*.appSecret',
          '*.token',
          '*.appToken',
          '*.appCertificate',
          '*.authorization',
          'headers.authorization',
          'headers["x-api-key"]',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
