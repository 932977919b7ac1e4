/**
 * Reads a decoded urlencoded body the way RongCloud validates it. Repeated
 * keys arrive as arrays (the kit's decoder); messages follow the official
 * Java SDK's validator ("`chatroomId` parameter is required", code 1002).
 */
import { RC_CODES } from '../../vendors/rongcloud/codes.js';
import type { FormRecord } from '../kit/decode-body.js';
import { RcFailure } from './replies.js';

export class FormFields {
  constructor(private readonly record: FormRecord) {}

  list(key: string): string[] {
    const value = this.record[key];
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
  }

  optional(key: string): string | undefined {
    return this.list(key)[0];
  }

  required(key: string): string {
    const value = this.optional(key);
    if (value === undefined) throw param(`${key} parameter is required`);
    return value;
  }

  requiredList(key: string, max: number): string[] {
    const values = this.list(key);
    if (values.length === 0) throw param(`${key} parameter is required`);
    if (values.length > max) throw param(`${key} quantity exceeds limit, max ${max}`);
    return values;
  }

  int(key: string, range: { min: number; max: number; required?: boolean }): number | undefined {
    const raw = range.required ? this.required(key) : this.optional(key);
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw)) throw param(`${key} must be an integer`);
    const value = Number(raw);
    if (value < range.min || value > range.max)
      throw param(`${key} must be between ${range.min} and ${range.max}`);
    return value;
  }

  bool(key: string): boolean | undefined {
    const raw = this.optional(key);
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') throw param(`${key} must be true or false`);
    return raw === 'true';
  }

  /** A chatroom id: 1–64 bytes (`jsonsource/chatroom/verify.json`). */
  chatroomId(key = 'chatroomId'): string {
    return checkChatroomId(key, this.required(key));
  }

  chatroomIds(key = 'chatroomId'): string[] {
    return this.requiredList(key, 1000).map((id) => checkChatroomId(key, id));
  }
}

function checkChatroomId(key: string, id: string): string {
  if (Buffer.byteLength(id, 'utf8') > 64) throw param(`${key} length exceeds limit, max 64 Units: bytes`);
  return id;
}

export const param = (message: string) => new RcFailure(RC_CODES.param, message);
