/**
 * Slack user groups fail closed (DESIGN.md "Access applies everywhere"): when
 * `usergroups.list` fails (missing scope, rate limit) a command or click that
 * depends on group membership is refused with `access_unavailable` and
 * nothing reaches the vendor — never run under `access.default`. Successful
 * look-ups are cached briefly, and with no group in `access:` nothing is
 * looked up at all. Signed requests into the real Bolt app, the fake Slack.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { FRESH_MS, SlackPrincipals, STALE_MS } from '../../../src/platforms/slack/principal.js';
import { usergroupLister } from '../../../src/platforms/slack/usergroup-lister.js';
import { FakeSlack } from '../../fakes/slack/index.js';
import {
  ACCESS,
  ADMIN,
  APP_TOKEN,
  BOT_TOKEN,
  GROUPIE,
  pendingIdOf,
  SlackHarness,
  shown,
  USERGROUPS,
  VIEWER,
} from './harness.js';

/** Anyone unlisted is an operator; the S0OPS group (GROUPIE) is held to read-only. */
const NARROW_GROUP = {
  default: 'operator',
  roles: { admin: ['*'], operator: ['read', 'write'], viewer: ['read'] },
  users: { 'slack:U0ADMIN': 'admin', 'slack:group:S0OPS': 'viewer' },
};

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const lookups = (harness: SlackHarness) =>
  harness.fake.calls.filter((c) => c.method === 'usergroups.list').length;
const createRequests = (harness: SlackHarness) =>
  harness.runtime.emulators.rongcloud.server.log.filter((r) => r.path.endsWith('/chatroom/create.json'))
    .length;

describe('a failed look-up refuses instead of falling back to access.default', () => {
  it('missing_scope: the read-only group member may not create under the broader default', async () => {
    h = await SlackHarness.start({ access: NARROW_GROUP });
    h.fake.usergroupsError = 'missing_scope';
    const answer = await h.ask('create rong fc-scope', GROUPIE);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(shown(answer)).toContain('access_unavailable');
    expect(shown(answer)).toContain('missing_scope');
    expect(h.runtime.emulators.rongcloud.rooms.has('fc-scope')).toBe(false);
    expect(createRequests(h)).toBe(0);
    const audit = await h.runtime.store.audit.query({ actor: 'slack:U0GROUP' });
    expect(audit[0]).toMatchObject({ outcome: 'denied', action: 'create' });
    expect(audit[0]!.detail).toMatch(/^access_unavailable/);
  });

  it('ratelimited (HTTP 429): answered at once, not after Slack’s retries, and no call until Retry-After', async () => {
    h = await SlackHarness.start({ access: NARROW_GROUP });
    h.fake.usergroupsError = 'ratelimited';
    h.fake.usergroupsRetryAfterSec = 30;
    const started = Date.now();
    const answer = await h.ask('create rong fc-rate', GROUPIE);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(shown(answer)).toContain('access_unavailable');
    expect(shown(answer)).toContain('ratelimited');
    expect(lookups(h)).toBe(1);
    const again = await h.ask('create rong fc-rate', GROUPIE);
    expect(shown(again)).toContain('access_unavailable');
    expect(lookups(h)).toBe(1);
    expect(h.runtime.emulators.rongcloud.rooms.has('fc-rate')).toBe(false);
    expect(createRequests(h)).toBe(0);
  });

  it('a Slack that does not answer: refused after the 3-second look-up timeout, not left waiting', async () => {
    h = await SlackHarness.start({ access: NARROW_GROUP });
    h.fake.usergroupsDelayMs = 8000;
    const started = Date.now();
    const answer = await h.ask('create rong fc-slow', GROUPIE);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(shown(answer)).toContain('access_unavailable');
    expect(shown(answer)).toContain('did not answer');
    expect(h.runtime.emulators.rongcloud.rooms.has('fc-slow')).toBe(false);
  });

  it('someone whose own id grants the action still acts: more groups could only add roles', async () => {
    h = await SlackHarness.start({ access: NARROW_GROUP });
    h.fake.usergroupsError = 'missing_scope';
    const answer = await h.ask('create rong fc-admin', ADMIN);
    expect(answer.body.response_type).toBe('in_channel');
    expect(h.runtime.emulators.rongcloud.rooms.has('fc-admin')).toBe(true);
  });

  it('a click is re-checked against current groups: refused while unknown, approved once Slack answers', async () => {
    h = await SlackHarness.start({ access: ACCESS });
    h.fake.usergroupsError = 'missing_scope';
    const prompt = await h.ask('delete rong support-1', ADMIN);
    const refused = await h.press('room_confirm', pendingIdOf(prompt), GROUPIE);
    expect(refused.body.response_type).toBe('ephemeral');
    expect(shown(refused)).toContain('Access could not be checked');
    expect(h.runtime.emulators.rongcloud.rooms.has('support-1')).toBe(true);
    h.fake.usergroupsError = undefined;
    const approved = await h.press('room_confirm', pendingIdOf(prompt), GROUPIE);
    expect(approved.body.replace_original).toBe(true);
    expect(h.runtime.emulators.rongcloud.rooms.has('support-1')).toBe(false);
  });
});

describe('look-ups', () => {
  it('a successful look-up is reused: a Slack failure right after changes nothing', async () => {
    h = await SlackHarness.start({ access: NARROW_GROUP });
    const first = await h.ask('create rong fc-cache-1', GROUPIE);
    expect(shown(first)).toContain('denied');
    h.fake.usergroupsError = 'missing_scope';
    const second = await h.ask('create rong fc-cache-2', GROUPIE);
    expect(shown(second)).toContain('denied');
    expect(shown(second)).not.toContain('access_unavailable');
    const read = await h.ask('list rong', GROUPIE);
    expect(shown(read)).toContain('lobby');
    expect(lookups(h)).toBe(1);
    expect(createRequests(h)).toBe(0);
  });

  it('with no user group in access: Slack is never asked and a broken scope does not matter', async () => {
    h = await SlackHarness.start({
      access: {
        default: 'viewer',
        roles: { admin: ['*'], viewer: ['read'] },
        users: { 'slack:U0ADMIN': 'admin' },
      },
    });
    h.fake.usergroupsError = 'missing_scope';
    expect(shown(await h.ask('list rong', VIEWER))).toContain('lobby');
    expect(shown(await h.ask('create rong fc-nogroups', VIEWER))).toContain('denied');
    expect((await h.ask('create rong fc-nogroups', ADMIN)).body.response_type).toBe('in_channel');
    expect(lookups(h)).toBe(0);
  });
});

describe('the cache of look-ups', () => {
  it('serves a good answer while fresh, keeps it through a failure for a few minutes, then fails closed', async () => {
    const fake = new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, usergroups: USERGROUPS });
    await fake.start();
    try {
      let now = 1_000_000;
      const principals = new SlackPrincipals({
        list: usergroupLister({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl }, createLogger('silent')),
        named: () => ['slack:group:S0OPS'],
        logger: createLogger('silent'),
        now: () => now,
      });
      const calls = () => fake.calls.filter((c) => c.method === 'usergroups.list').length;
      expect((await principals.principal('U0GROUP')).groups).toEqual(['slack:group:S0OPS']);
      // Only the groups access: names are kept: S0OTHER (U0VIEW's) is not.
      expect((await principals.principal('U0VIEW')).groups).toEqual([]);
      expect(calls()).toBe(1);

      fake.usergroupsError = 'missing_scope';
      now += FRESH_MS - 1;
      expect((await principals.principal('U0GROUP')).groups).toEqual(['slack:group:S0OPS']);
      expect(calls()).toBe(1);

      now += 2;
      const stale = await principals.principal('U0GROUP');
      expect(calls()).toBe(2);
      expect(stale.groups).toEqual(['slack:group:S0OPS']);
      expect(stale.groupsUnavailable).toBeUndefined();

      now += STALE_MS;
      const lapsed = await principals.principal('U0GROUP');
      expect(lapsed.groups).toEqual([]);
      expect(lapsed.groupsUnavailable).toContain('missing_scope');

      fake.usergroupsError = undefined;
      const back = await principals.principal('U0GROUP');
      expect(back.groups).toEqual(['slack:group:S0OPS']);
      expect(back.groupsUnavailable).toBeUndefined();
    } finally {
      await fake.stop();
    }
  });
});
