import { describe, expect, it } from 'vitest';
import { readAgoraReply } from '../../../src/vendors/agora/errors.js';
import { codeOfStatus, vendorClassifier } from '../../../src/vendors/http/classify.js';
import type { RawResponse, RequestSpec } from '../../../src/vendors/http/types.js';
import { makeReader } from '../../../src/vendors/iflychat/errors.js';
import { readRongcloudReply, requestIdOfRongcloud } from '../../../src/vendors/rongcloud/errors.js';

const spec: RequestSpec = { method: 'POST', path: '/x', idempotent: false, operation: 'room/create' };
const reply = (status: number, body: unknown, headers: Record<string, string> = {}): RawResponse => ({
  status,
  headers,
  body,
  text: body === undefined ? '' : JSON.stringify(body),
});

describe('default reply classification (HTTP layer)', () => {
  const plain = vendorClassifier('watchers');

  it('maps each status class to its code, and a 2xx to success', () => {
    expect(plain(reply(200, {}), spec)).toBeUndefined();
    expect(plain(reply(204, undefined), spec)).toBeUndefined();
    const cases: Array<[number, string]> = [
      [401, 'vendor_auth'],
      [403, 'vendor_auth'],
      [404, 'vendor_not_found'],
      [408, 'vendor_timeout'],
      [409, 'vendor_rejected'],
      [429, 'vendor_rate_limited'],
      [500, 'vendor_unavailable'],
      [503, 'vendor_unavailable'],
      [302, 'vendor_bad_reply'],
    ];
    for (const [status, code] of cases) {
      const error = plain(reply(status, undefined), spec);
      expect(error?.code, `HTTP ${status}`).toBe(code);
      expect(error?.details).toMatchObject({ status, operation: 'room/create' });
      expect(error?.message).toContain(`watchers room/create:`);
    }
    expect(codeOfStatus(299)).toBeUndefined();
  });

  it('keeps Retry-After (seconds or a date) on a rate limit only', () => {
    const limited = plain(reply(429, undefined, { 'retry-after': '7' }), spec);
    expect(limited?.details.retryAfterSeconds).toBe(7);
    const dated = plain(
      reply(429, undefined, { 'retry-after': new Date(Date.now() + 20_000).toUTCString() }),
      spec,
    );
    expect(dated?.details.retryAfterSeconds).toBeGreaterThan(15);
    expect(
      plain(reply(503, undefined, { 'retry-after': '7' }), spec)?.details.retryAfterSeconds,
    ).toBeUndefined();
  });
});

describe('vendor overrides are only their own body codes', () => {
  const rongcloud = vendorClassifier('rongcloud', readRongcloudReply, requestIdOfRongcloud);
  const agora = vendorClassifier('agora', readAgoraReply);
  const iflychat = vendorClassifier('iflychat', makeReader('main'));

  it('RongCloud: the body code decides over the status (1008 on HTTP 200, 200 on HTTP 500)', () => {
    const limited = rongcloud(
      reply(200, { code: 1008 }, { 'retry-after': '2', 'x-request-id': 'rq-1' }),
      spec,
    );
    expect(limited?.code).toBe('vendor_rate_limited');
    expect(limited?.details).toMatchObject({ vendorCode: 1008, retryAfterSeconds: 2, requestId: 'rq-1' });
    expect(rongcloud(reply(500, { code: 200 }), spec)).toBeUndefined();
    expect(rongcloud(reply(200, { code: 23410 }), spec)?.code).toBe('vendor_not_found');
    expect(rongcloud(reply(400, { code: 1002, errorMessage: 'Invalidate App-Key.' }), spec)?.code).toBe(
      'vendor_auth',
    );
    // No envelope: HTTP decides, except a proxy's 404 is not a missing chatroom.
    expect(rongcloud(reply(502, undefined), spec)?.code).toBe('vendor_unavailable');
    expect(rongcloud(reply(404, undefined), spec)?.code).toBe('vendor_rejected');
  });

  it('Agora: its error names and a 403 from the room rules', () => {
    const unknownApp = agora(reply(400, { error: 'organization_application_not_found' }), spec);
    expect(unknownApp?.code).toBe('vendor_auth');
    expect(unknownApp?.message).toMatch(/check orgName and appName/);
    const muted = agora(reply(403, { error: 'forbidden_op', error_description: 'muted' }), spec);
    expect(muted?.code).toBe('vendor_rejected');
    expect(muted?.details).toMatchObject({ vendorCode: 'forbidden_op', vendorMessage: 'muted' });
    expect(
      agora(reply(429, { error: 'too_many' }, { 'retry-after': '1' }), spec)?.details.retryAfterSeconds,
    ).toBe(1);
  });

  it('iFlyChat: a 200 carrying an error is a refusal; the auth message names the setting', () => {
    const refused = iflychat(reply(200, { error: 'room exists' }), spec);
    expect(refused?.code).toBe('vendor_rejected');
    expect(refused?.details.vendorMessage).toBe('room exists');
    expect(iflychat(reply(200, { room_id: 5 }), spec)).toBeUndefined();
    expect(iflychat(reply(401, 'Unauthorized'), spec)?.message).toContain('accounts.main.apiKey');
  });
});
