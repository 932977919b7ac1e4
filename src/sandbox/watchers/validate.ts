/**
 * Request validation as Watchers' NestJS backend does it (ValidationPipe with
 * class-validator, whitelist on): every failed rule becomes one string of the
 * 400 answer's `message` array. Only `application/json` bodies are parsed
 * ("Body application/json", docs.watchers.io room-api); any other content type
 * reaches validation as an empty body, so the required fields are reported.
 */
import type { EmulatorRequest, EmulatorResponse } from '../kit/types.js';

export type JsonBody = Record<string, unknown>;

export function readJsonBody(req: EmulatorRequest): { body: JsonBody } | { error: EmulatorResponse } {
  if (req.contentType !== 'application/json') return { body: {} };
  if (req.rawBody.trim() === '') return { body: {} };
  if (req.body === undefined) {
    return {
      error: {
        status: 400,
        json: { statusCode: 400, message: 'Unexpected token in JSON body', error: 'Bad Request' },
      },
    };
  }
  const body = req.body;
  return { body: body && typeof body === 'object' && !Array.isArray(body) ? (body as JsonBody) : {} };
}

/** ISO 8601 in UTC with the `Z` suffix, as the newer room-api revision requires. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
/** The older format the ban page still shows: `2024-12-31 05:33:32` (read as UTC). */
const LEGACY_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function parseIsoUtc(value: string): Date | undefined {
  if (!ISO_UTC.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function parseLegacyOrIso(value: string): Date | undefined {
  if (LEGACY_TIME.test(value)) {
    const date = new Date(`${value.replace(' ', 'T')}Z`);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return parseIsoUtc(value);
}

/** Collects class-validator style messages for one body. */
export class Checker {
  readonly messages: string[] = [];

  constructor(private readonly body: JsonBody) {}

  requiredString(field: string): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null || value === '') {
      this.messages.push(`${field} should not be empty`);
      if (typeof value !== 'string') this.messages.push(`${field} must be a string`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.messages.push(`${field} must be a string`);
      return undefined;
    }
    return value;
  }

  optionalString(field: string): string | null | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string') {
      this.messages.push(`${field} must be a string`);
      return undefined;
    }
    return value;
  }

  /** A boolean; `"true"`/`"1"` (and `"false"`/`"0"`) are cast, as the room-api page says for `isSpeak`. */
  booleanish(field: string, required: boolean): boolean | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) {
      if (required) this.messages.push(`${field} should not be empty`, `${field} must be a boolean value`);
      return undefined;
    }
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    this.messages.push(`${field} must be a boolean value`);
    return undefined;
  }

  strictBoolean(field: string): boolean | undefined {
    const value = this.body[field];
    if (typeof value === 'boolean') return value;
    if (value === undefined || value === null) this.messages.push(`${field} should not be empty`);
    this.messages.push(`${field} must be a boolean value`);
    return undefined;
  }

  optionalTime(field: string, parse: (value: string) => Date | undefined = parseIsoUtc): Date | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    const date = typeof value === 'string' ? parse(value) : undefined;
    if (!date) this.messages.push(`${field} must be a valid ISO 8601 date string`);
    return date;
  }

  oneOf<T extends string>(field: string, values: readonly T[], required: boolean): T | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) {
      if (required) this.messages.push(`${field} should not be empty`);
      else return undefined;
    }
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    this.messages.push(`${field} must be one of the following values: ${values.join(', ')}`);
    return undefined;
  }

  optionalIntegerIn(field: string, min: number, max: number): number | null | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return value;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.messages.push(`${field} must be an integer from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }

  /** whitelist + forbidNonWhitelisted: unknown properties are refused by name. */
  onlyFields(allowed: readonly string[]): void {
    for (const key of Object.keys(this.body)) {
      if (!allowed.includes(key)) this.messages.push(`property ${key} should not exist`);
    }
  }

  get failed(): boolean {
    return this.messages.length > 0;
  }
}
