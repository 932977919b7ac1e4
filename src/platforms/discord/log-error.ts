/**
 * Errors as safe log fields. A DiscordAPIError's `url` and `requestBody`
 * carry the interaction token (webhook paths are `/webhooks/{app}/{token}`),
 * so only its status, code and method are logged, never the error object.
 */
import { DiscordAPIError, HTTPError } from 'discord.js';

const WEBHOOK_TOKEN = /(\/(?:webhooks|interactions)\/\d+\/)[^/?\s]+/g;

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) {
    return { error: error.message, status: error.status, code: error.code, method: error.method };
  }
  if (error instanceof HTTPError) return { error: error.message, status: error.status, method: error.method };
  if (error instanceof Error)
    return { error: error.message.replace(WEBHOOK_TOKEN, '$1[redacted]'), name: error.name };
  return { error: String(error).replace(WEBHOOK_TOKEN, '$1[redacted]') };
}
