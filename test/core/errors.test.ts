import { describe, expect, it } from 'vitest';
import {
  CORE_ERROR_CODES,
  ConfigError,
  EXIT_STATUS,
  exitStatusFor,
  InputError,
  RoomOpsError,
} from '../../src/core/errors.js';

describe('RoomOpsError', () => {
  it('maps every code to the exit status DESIGN.md fixes', () => {
    for (const code of [
      'invalid_input',
      'unknown_action',
      'unknown_account',
      'unsupported_action',
      'config_error',
    ]) {
      expect(exitStatusFor(code)).toBe(2);
    }
    for (const code of ['denied', 'not_confirmed', 'cancelled']) expect(exitStatusFor(code)).toBe(3);
    for (const code of [
      'partial',
      'internal',
      'access_unavailable',
      'vendor_auth',
      'vendor_timeout',
      'vendor_bad_reply',
    ]) {
      expect(exitStatusFor(code)).toBe(1);
    }
    expect(exitStatusFor('something_new')).toBe(1);
    for (const code of CORE_ERROR_CODES) expect(EXIT_STATUS[code]).toBeDefined();
  });

  it('carries field, expected, usage and items, and serializes them for --json', () => {
    const e = new RoomOpsError('partial', '1 of 2 rooms failed', {
      items: [{ id: 'a', ok: false }],
    });
    expect(e.exitStatus).toBe(1);
    expect(e.toJSON()).toEqual({
      code: 'partial',
      message: '1 of 2 rooms failed',
      items: [{ id: 'a', ok: false }],
    });
    const i = new InputError('limit: expected a whole number from 1 to 100', {
      field: 'limit',
      expected: 'a whole number from 1 to 100',
      usage: 'list <account> [limit=N cursor=…]',
    });
    expect(i).toBeInstanceOf(RoomOpsError);
    expect(i.code).toBe('invalid_input');
    expect(i.exitStatus).toBe(2);
    expect(i.toJSON()).toEqual({
      code: 'invalid_input',
      message: 'limit: expected a whole number from 1 to 100',
      field: 'limit',
      expected: 'a whole number from 1 to 100',
      usage: 'list <account> [limit=N cursor=…]',
    });
  });

  it('never lets the context override code or message', () => {
    const e = new ConfigError('bad', { code: 'x', message: 'y', file: 'r.yml' });
    expect(e.toJSON()).toEqual({ code: 'config_error', message: 'bad', file: 'r.yml' });
  });
});
