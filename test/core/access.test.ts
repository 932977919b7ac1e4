import { describe, expect, it } from 'vitest';
import {
  accessWarnings,
  authorize,
  canApprove,
  canCancel,
  namedGroups,
  rolesOf,
} from '../../src/core/access/index.js';
import { type AccessConfig, parseConfigText } from '../../src/core/config/index.js';
import type { Kind, Place, Principal } from '../../src/core/types.js';

const BASE = `
accounts:
  rong-prod: { vendor: rongcloud, appKey: k, appSecret: s }
  agora-prod: { vendor: agora, baseUrl: "https://a.io", orgName: o, appName: a, appToken: t }
  ifly: { vendor: iflychat, apiKey: k }
`;

function accessFrom(yaml: string): AccessConfig {
  const config = parseConfigText(`${BASE}access:\n${yaml}`, {});
  return config.access!;
}

/** DESIGN.md's example, plus an action-name role and an explicit `none`. */
const ACCESS = accessFrom(`
  default: viewer
  roles:
    admin: ["*"]
    operator: [read, write]
    viewer: [read]
    deleter: [delete]
    kicker: [kick, read]
  users:
    "slack:U0ADMIN001": admin
    "slack:group:S0OPS": operator
    "slack:U0DELETER": [viewer, deleter]
    "slack:U0BANNED": none
    "discord:400000000000000001": admin
    "discord:role:500000000000000002": operator
    "discord:role:500000000000000009": kicker
  accounts:
    rong-prod:
      twoPersonRule: true
      users: { "slack:U0ONCALL": admin, "discord:role:500000000000000002": admin }
`);

const LOCKED = accessFrom(`
  default: none
  roles: { admin: ["*"], viewer: [read] }
  users: { "slack:U0ADMIN001": admin }
  channels: ["slack:C0OPS", "discord:guild:600000000000000003"]
`);

const slack = (id: string, groups: string[] = []): Principal => ({
  platform: 'slack',
  id: `slack:${id}`,
  groups,
});
const discord = (id: string, roles: string[] = []): Principal => ({
  platform: 'discord',
  id: `discord:${id}`,
  groups: roles.map((r) => `discord:role:${r}`),
});
const shell: Principal = { platform: 'shell', id: 'shell:alice', groups: [] };

const inSlack = (channel = 'C0OPS'): Place => ({ platform: 'slack', channel: `slack:${channel}` });
const inDiscord = (guild = '600000000000000003', channel = '700'): Place => ({
  platform: 'discord',
  guild: `discord:guild:${guild}`,
  channel: `discord:channel:${channel}`,
});
const inShell: Place = { platform: 'shell' };

interface Case {
  name: string;
  access: AccessConfig | undefined;
  principal: Principal;
  place: Place;
  account: string | null;
  action: string;
  kind: Kind;
  allowed: boolean;
  reason?: RegExp;
}

const cases: Case[] = [
  // roles grant kinds
  {
    name: 'admin (*) may delete',
    access: ACCESS,
    principal: slack('U0ADMIN001'),
    place: inSlack(),
    account: 'ifly',
    action: 'delete',
    kind: 'destructive',
    allowed: true,
  },
  {
    name: 'viewer may list',
    access: ACCESS,
    principal: slack('U0NOBODY'),
    place: inSlack(),
    account: 'ifly',
    action: 'list',
    kind: 'read',
    allowed: true,
  },
  {
    name: 'default viewer may not create',
    access: ACCESS,
    principal: slack('U0NOBODY'),
    place: inSlack(),
    account: 'ifly',
    action: 'create',
    kind: 'write',
    allowed: false,
    reason: /^slack:U0NOBODY \(role viewer\) may not run write actions on ifly$/,
  },
  {
    name: 'default viewer may not delete',
    access: ACCESS,
    principal: slack('U2'),
    place: inSlack(),
    account: 'rong-prod',
    action: 'delete',
    kind: 'destructive',
    allowed: false,
    reason: /^slack:U2 \(role viewer\) may not run destructive actions on rong-prod$/,
  },
  // user groups and Discord roles
  {
    name: 'a Slack user group grants operator: write',
    access: ACCESS,
    principal: slack('U5', ['slack:group:S0OPS']),
    place: inSlack(),
    account: 'ifly',
    action: 'create',
    kind: 'write',
    allowed: true,
  },
  {
    name: 'operator (group) may not run destructive',
    access: ACCESS,
    principal: slack('U5', ['slack:group:S0OPS']),
    place: inSlack(),
    account: 'ifly',
    action: 'kick',
    kind: 'destructive',
    allowed: false,
    reason: /\(role operator\) may not run destructive actions on ifly/,
  },
  {
    name: 'a Discord role grants operator',
    access: ACCESS,
    principal: discord('1', ['500000000000000002']),
    place: inDiscord(),
    account: 'ifly',
    action: 'voice',
    kind: 'write',
    allowed: true,
  },
  {
    name: 'a Discord user id grants admin',
    access: ACCESS,
    principal: discord('400000000000000001'),
    place: inDiscord(),
    account: 'ifly',
    action: 'delete',
    kind: 'destructive',
    allowed: true,
  },
  {
    name: 'roles union over id and groups',
    access: ACCESS,
    principal: discord('1', ['500000000000000002', '500000000000000009']),
    place: inDiscord(),
    account: 'ifly',
    action: 'kick',
    kind: 'destructive',
    allowed: true,
  },
  {
    name: 'a listed user does not also get the default role',
    access: ACCESS,
    principal: discord('1', ['500000000000000009']),
    place: inDiscord(),
    account: 'ifly',
    action: 'create',
    kind: 'write',
    allowed: false,
    reason: /\(role kicker\)/,
  },
  // action names grant every form
  {
    name: 'an action name grants its destructive form',
    access: ACCESS,
    principal: slack('U0DELETER'),
    place: inSlack(),
    account: 'ifly',
    action: 'delete',
    kind: 'destructive',
    allowed: true,
  },
  {
    name: 'an action name grants nothing else of that kind',
    access: ACCESS,
    principal: slack('U0DELETER'),
    place: inSlack(),
    account: 'ifly',
    action: 'kick',
    kind: 'destructive',
    allowed: false,
    reason: /\(roles viewer, deleter\) may not run destructive actions/,
  },
  {
    name: 'kick role grants kick',
    access: ACCESS,
    principal: discord('2', ['500000000000000009']),
    place: inDiscord(),
    account: 'ifly',
    action: 'kick',
    kind: 'destructive',
    allowed: true,
  },
  // none
  {
    name: 'a user listed as none has no access, even to read',
    access: ACCESS,
    principal: slack('U0BANNED'),
    place: inSlack(),
    account: 'ifly',
    action: 'list',
    kind: 'read',
    allowed: false,
    reason: /^slack:U0BANNED \(no role\) may not run read actions on ifly$/,
  },
  {
    name: 'none plus a group role: the group role counts',
    access: ACCESS,
    principal: slack('U0BANNED', ['slack:group:S0OPS']),
    place: inSlack(),
    account: 'ifly',
    action: 'list',
    kind: 'read',
    allowed: true,
  },
  {
    name: 'default none: an unlisted user may not read',
    access: LOCKED,
    principal: slack('U9'),
    place: inSlack(),
    account: 'ifly',
    action: 'list',
    kind: 'read',
    allowed: false,
    reason: /\(no role\) may not run read actions/,
  },
  {
    name: 'default none: no account in the reason for help',
    access: LOCKED,
    principal: slack('U9'),
    place: inSlack(),
    account: null,
    action: 'help',
    kind: 'read',
    allowed: false,
    reason: /^slack:U9 \(no role\) may not run read actions$/,
  },
  // per-account overrides
  {
    name: 'an account override adds admin on that account',
    access: ACCESS,
    principal: slack('U0ONCALL'),
    place: inSlack(),
    account: 'rong-prod',
    action: 'delete',
    kind: 'destructive',
    allowed: true,
  },
  {
    name: 'the override does not apply to other accounts',
    access: ACCESS,
    principal: slack('U0ONCALL'),
    place: inSlack(),
    account: 'ifly',
    action: 'delete',
    kind: 'destructive',
    allowed: false,
    reason: /\(role viewer\) may not run destructive actions on ifly/,
  },
  {
    name: 'an override by Discord role on that account',
    access: ACCESS,
    principal: discord('3', ['500000000000000002']),
    place: inDiscord(),
    account: 'rong-prod',
    action: 'delete',
    kind: 'destructive',
    allowed: true,
  },
  {
    name: 'the override adds to, not replaces, the default role',
    access: ACCESS,
    principal: slack('U0ONCALL'),
    place: inSlack(),
    account: 'rong-prod',
    action: 'list',
    kind: 'read',
    allowed: true,
  },
  // channel allow-list
  {
    name: 'allow-list: a listed Slack channel',
    access: LOCKED,
    principal: slack('U0ADMIN001'),
    place: inSlack('C0OPS'),
    account: 'ifly',
    action: 'delete',
    kind: 'destructive',
    allowed: true,
  },
  {
    name: 'allow-list: an unlisted Slack channel is denied even to an admin',
    access: LOCKED,
    principal: slack('U0ADMIN001'),
    place: inSlack('C0RANDOM'),
    account: 'ifly',
    action: 'list',
    kind: 'read',
    allowed: false,
    reason: /^RoomOps does not take commands in slack:C0RANDOM: it is not in access.channels$/,
  },
  {
    name: 'allow-list: a Slack DM is denied',
    access: LOCKED,
    principal: slack('U0ADMIN001'),
    place: inSlack('D0DM'),
    account: null,
    action: 'help',
    kind: 'read',
    allowed: false,
    reason: /slack:D0DM/,
  },
  {
    name: 'allow-list: a listed Discord guild, any channel in it',
    access: LOCKED,
    principal: slack('U0ADMIN001'),
    place: inDiscord('600000000000000003', '999'),
    account: 'ifly',
    action: 'list',
    kind: 'read',
    allowed: true,
  },
  {
    name: 'allow-list: an unlisted Discord guild',
    access: LOCKED,
    principal: discord('1'),
    place: inDiscord('111'),
    account: 'ifly',
    action: 'list',
    kind: 'read',
    allowed: false,
    reason: /in discord:guild:111: it is not in access.channels/,
  },
  {
    name: 'allow-list: a chat request with no place',
    access: LOCKED,
    principal: slack('U0ADMIN001'),
    place: { platform: 'slack' },
    account: 'ifly',
    action: 'list',
    kind: 'read',
    allowed: false,
    reason: /does not take commands here/,
  },
  {
    name: 'no allow-list: any channel',
    access: ACCESS,
    principal: slack('U1'),
    place: inSlack('C0ANY'),
    account: 'ifly',
    action: 'list',
    kind: 'read',
    allowed: true,
  },
  // no access section
  {
    name: 'no access: section: chat users may read',
    access: undefined,
    principal: slack('U1'),
    place: inSlack(),
    account: 'ifly',
    action: 'list',
    kind: 'read',
    allowed: true,
  },
  {
    name: 'no access: section: chat users may not write',
    access: undefined,
    principal: discord('1'),
    place: inDiscord(),
    account: 'ifly',
    action: 'create',
    kind: 'write',
    allowed: false,
    reason:
      /^discord:1 may not run write actions on ifly: the config has no access: section, so chat users may only read$/,
  },
  {
    name: 'no access: section: chat users may not delete',
    access: undefined,
    principal: slack('U1'),
    place: inSlack(),
    account: 'ifly',
    action: 'delete',
    kind: 'destructive',
    allowed: false,
    reason: /no access: section/,
  },
  // the shell
  {
    name: 'shell is never subject to access',
    access: LOCKED,
    principal: shell,
    place: inShell,
    account: 'ifly',
    action: 'delete',
    kind: 'destructive',
    allowed: true,
  },
  {
    name: 'shell with no access: section may delete',
    access: undefined,
    principal: shell,
    place: inShell,
    account: 'ifly',
    action: 'delete',
    kind: 'destructive',
    allowed: true,
  },
];

describe('authorize', () => {
  it.each(cases)('$name', ({ access, principal, place, account, action, kind, allowed, reason }) => {
    const decision = authorize(access, { principal, place, account, action, kind });
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed && reason) expect(decision.reason).toMatch(reason);
  });
});

describe('groups that could not be looked up', () => {
  const unknown = (principal: Principal): Principal => ({
    ...principal,
    groupsUnavailable: 'usergroups.list: ratelimited',
  });
  const ask = (access: AccessConfig, principal: Principal, place: Place, account: string, kind: Kind) =>
    authorize(access, { principal, place, account, action: kind === 'read' ? 'list' : 'create', kind });

  it('refuses with access_unavailable instead of granting access.default, naming what failed', () => {
    const decision = ask(ACCESS, unknown(slack('U77')), inSlack(), 'ifly', 'read');
    expect(decision).toMatchObject({ allowed: false, code: 'access_unavailable' });
    if (!decision.allowed) expect(decision.reason).toContain('usergroups.list: ratelimited');
    expect(ask(ACCESS, slack('U77'), inSlack(), 'ifly', 'read').allowed).toBe(true);
  });

  it('still allows what the principal’s own id grants, here or through the account override', () => {
    expect(ask(ACCESS, unknown(slack('U0ADMIN001')), inSlack(), 'ifly', 'destructive').allowed).toBe(true);
    expect(ask(ACCESS, unknown(slack('U0ONCALL')), inSlack(), 'rong-prod', 'destructive').allowed).toBe(true);
    expect(ask(ACCESS, unknown(slack('U0ONCALL')), inSlack(), 'ifly', 'read')).toMatchObject({
      code: 'access_unavailable',
    });
  });

  it('answers as usual when the rules name no group of that platform', () => {
    const noDiscordRoles = accessFrom(`
  default: viewer
  roles: { admin: ["*"], viewer: [read] }
  users: { "slack:group:S0OPS": admin }
`);
    const who = { ...discord('5'), groupsUnavailable: 'Discord sent no member roles' };
    expect(ask(noDiscordRoles, who, inDiscord(), 'ifly', 'read').allowed).toBe(true);
    expect(ask(noDiscordRoles, who, inDiscord(), 'ifly', 'write')).toMatchObject({ allowed: false });
    expect(ask(noDiscordRoles, who, inDiscord(), 'ifly', 'write')).not.toHaveProperty('code');
  });

  it('the channel allow-list is checked first: a denial there is a denial', () => {
    const decision = ask(LOCKED, unknown(slack('U0ADMIN001')), inSlack('C0ELSE'), 'ifly', 'read');
    expect(decision).toMatchObject({ allowed: false });
    expect(decision).not.toHaveProperty('code');
  });

  it('a click is refused the same way', () => {
    const pending = {
      requester: 'slack:U0ADMIN001',
      account: 'ifly',
      action: 'delete',
      kind: 'destructive' as const,
    };
    expect(
      canApprove(ACCESS, { principal: unknown(slack('U0OPSMEMBER')), place: inSlack(), pending }),
    ).toMatchObject({ allowed: false, code: 'access_unavailable' });
  });

  it('lists the group principals of a platform the rules name, across accounts', () => {
    expect(namedGroups(ACCESS, 'slack')).toEqual(['slack:group:S0OPS']);
    expect(namedGroups(ACCESS, 'discord').sort()).toEqual([
      'discord:role:500000000000000002',
      'discord:role:500000000000000009',
    ]);
    expect(namedGroups(LOCKED, 'slack')).toEqual([]);
    expect(namedGroups(undefined, 'slack')).toEqual([]);
  });
});

describe('rolesOf', () => {
  it('unions roles over the id, every group and the account override', () => {
    expect(
      rolesOf(ACCESS, discord('3', ['500000000000000002', '500000000000000009']), 'rong-prod').sort(),
    ).toEqual(['admin', 'kicker', 'operator']);
  });

  it('gives the default role to anyone not listed', () => {
    expect(rolesOf(ACCESS, slack('U77'), 'ifly')).toEqual(['viewer']);
    expect(rolesOf(LOCKED, slack('U77'), 'ifly')).toEqual([]);
  });
});

describe('canApprove and canCancel', () => {
  const pending = {
    requester: 'slack:U0ONCALL',
    account: 'rong-prod',
    action: 'delete',
    kind: 'destructive' as const,
  };
  const onIfly = { ...pending, requester: 'slack:U0ADMIN001', account: 'ifly' };

  it('whoever may run the action may approve it', () => {
    expect(canApprove(ACCESS, { principal: slack('U0ADMIN001'), place: inSlack(), pending })).toEqual({
      allowed: true,
    });
    expect(canApprove(ACCESS, { principal: slack('U0DELETER'), place: inSlack(), pending })).toEqual({
      allowed: true,
    });
  });

  it('someone who may not run it may not approve it, and is told why', () => {
    const d = canApprove(ACCESS, {
      principal: slack('U3', ['slack:group:S0OPS']),
      place: inSlack(),
      pending,
    });
    expect(d).toEqual({
      allowed: false,
      reason: 'slack:U3 (role operator) may not approve destructive actions on rong-prod',
    });
  });

  it('two-person rule: the requester may not approve their own request', () => {
    const d = canApprove(ACCESS, { principal: slack('U0ONCALL'), place: inSlack(), pending });
    expect(d).toEqual({
      allowed: false,
      reason: 'rong-prod requires a second person: slack:U0ONCALL asked for this and may not approve it too',
    });
  });

  it('without the two-person rule the requester may approve their own', () => {
    expect(canApprove(ACCESS, { principal: slack('U0ADMIN001'), place: inSlack(), pending: onIfly })).toEqual(
      {
        allowed: true,
      },
    );
  });

  it('the channel allow-list applies to the click', () => {
    const d = canApprove(LOCKED, {
      principal: slack('U0ADMIN001'),
      place: inSlack('C0ELSE'),
      pending: onIfly,
    });
    expect(d.allowed).toBe(false);
  });

  it('the shell approves by its typed prompt, whatever access says', () => {
    const own = { ...pending, requester: 'shell:alice' };
    expect(canApprove(ACCESS, { principal: shell, place: inShell, pending: own })).toEqual({ allowed: true });
  });

  it('with no access: section no chat user may approve a destructive action', () => {
    expect(
      canApprove(undefined, { principal: slack('U0ADMIN001'), place: inSlack(), pending: onIfly }).allowed,
    ).toBe(false);
  });

  it('the requester may always cancel their own, even under the two-person rule', () => {
    expect(canCancel(ACCESS, { principal: slack('U0ONCALL'), place: inSlack(), pending })).toEqual({
      allowed: true,
    });
    expect(
      canCancel(LOCKED, { principal: slack('U0ADMIN001'), place: inSlack('C0ELSE'), pending: onIfly }),
    ).toEqual({
      allowed: true,
    });
  });

  it('others may cancel when they may approve', () => {
    expect(canCancel(ACCESS, { principal: slack('U0ADMIN001'), place: inSlack(), pending })).toEqual({
      allowed: true,
    });
    expect(canCancel(ACCESS, { principal: slack('U8'), place: inSlack(), pending })).toEqual({
      allowed: false,
      reason: 'slack:U8 (role viewer) may not cancel destructive actions on rong-prod',
    });
  });
});

describe('accessWarnings', () => {
  it('warns when there is no access: section', () => {
    expect(accessWarnings({})).toEqual([
      expect.stringMatching(/^no access: section: chat users may only read/),
    ]);
  });

  it('warns when the default role may change or delete rooms', () => {
    expect(accessWarnings({ access: accessFrom('  default: admin\n  roles: { admin: ["*"] }\n') })).toEqual([
      'access.default is "admin": anyone not listed in access.users may run destructive actions',
    ]);
    expect(accessWarnings({ access: accessFrom('  default: op\n  roles: { op: [read, write] }\n') })).toEqual(
      ['access.default is "op": anyone not listed in access.users may run write actions'],
    );
  });

  it('warns when nobody has a role, and when the channel list is empty', () => {
    expect(accessWarnings({ access: accessFrom('  roles: { a: ["*"] }\n  channels: []\n') })).toEqual([
      expect.stringMatching(/gives nobody a role/),
      expect.stringMatching(/access.channels is empty/),
    ]);
  });

  it('is quiet for a sensible set-up', () => {
    expect(accessWarnings({ access: ACCESS })).toEqual([]);
    expect(accessWarnings({ access: LOCKED })).toEqual([]);
  });
});
