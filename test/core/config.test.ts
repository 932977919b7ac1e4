import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/core/config/index.js';
import { ConfigError } from '../../src/core/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomops-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MINIMAL = `
accounts:
  ifly:
    vendor: iflychat
    apiKey: \${IFLY_KEY}
`;

const FULL = `
accounts:
  ifly-prod:
    vendor: iflychat
    apiKey: \${IFLY_KEY}
    announceAs: { id: bot, name: RoomOps }
  rong-prod:
    vendor: rongcloud
    baseUrl: https://api-sg01.rong-api.com/
    appKey: k1
    appSecret: \${RONG_SECRET}
    rateLimit: 50
  watch:
    vendor: watchers
    apiKey: \${W_KEY}
    token: \${W_TOKEN}
    timeoutMs: 5000
  agora-prod:
    vendor: agora
    baseUrl: https://a41.chat.agora.io
    orgName: "41"
    appName: app
    appId: id1
    appCertificate: \${AGORA_CERT}
    defaultOwner: admin
access:
  default: viewer
  roles:
    admin: ["*"]
    operator: [read, write]
    viewer: [read]
    deleter: [delete]
  users:
    "slack:U0ADMIN001": admin
    "slack:group:S0OPS": operator
    "discord:400000000000000001": [admin, viewer]
    "discord:role:500000000000000002": operator
  channels: ["slack:C0OPS", "discord:guild:600000000000000003"]
  accounts:
    rong-prod:
      twoPersonRule: true
      users: { "slack:U0ONCALL": admin }
storage:
  url: postgres://roomops:\${PG_PASSWORD}@db:5432/roomops
confirmTimeoutMinutes: 10
`;

const ENV = {
  IFLY_KEY: 'ifly-key-value',
  RONG_SECRET: 'rong-secret-value',
  W_KEY: 'w-key-value',
  W_TOKEN: 'w-token-value',
  AGORA_CERT: 'agora-cert-value',
  PG_PASSWORD: 'pg-password-value',
};

/** The ConfigError thrown by parsing `yaml`. */
function configError(yaml: string, env: Record<string, string> = ENV): ConfigError {
  try {
    parseConfigText(yaml, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).code).toBe('config_error');
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  return path;
}

describe('parseConfigText: a valid file', () => {
  it('reads every section, fills defaults and interpolates ${ENV}', () => {
    const config = parseConfigText(FULL, ENV);
    expect(config.accounts['ifly-prod']).toMatchObject({
      vendor: 'iflychat',
      apiKey: 'ifly-key-value',
      timeoutMs: 10_000,
    });
    expect(config.accounts['rong-prod']).toMatchObject({
      appSecret: 'rong-secret-value',
      baseUrl: 'https://api-sg01.rong-api.com',
      rateLimit: 50,
    });
    expect(config.accounts.watch).toMatchObject({ token: 'w-token-value', timeoutMs: 5000 });
    expect(config.accounts['agora-prod']).toMatchObject({
      orgName: '41',
      appCertificate: 'agora-cert-value',
    });
    expect(config.storage?.url).toBe('postgres://roomops:pg-password-value@db:5432/roomops');
    expect(config.confirmTimeoutMinutes).toBe(10);
    expect(config.access?.users['slack:U0ADMIN001']).toEqual(['admin']);
    expect(config.access?.users['discord:400000000000000001']).toEqual(['admin', 'viewer']);
    expect(config.access?.accounts['rong-prod']).toEqual({
      twoPersonRule: true,
      users: { 'slack:U0ONCALL': ['admin'] },
    });
  });

  it('defaults: confirmTimeoutMinutes 5, bulkTypeToConfirm 10, scheduleGraceMinutes 60, no access section, access.default none', () => {
    expect(parseConfigText(MINIMAL, ENV)).toEqual({
      accounts: { ifly: { vendor: 'iflychat', apiKey: 'ifly-key-value', timeoutMs: 10_000 } },
      confirmTimeoutMinutes: 5,
      bulkTypeToConfirm: 10,
      scheduleGraceMinutes: 60,
    });
    const config = parseConfigText(`${MINIMAL}access:\n  roles: { admin: ["*"] }\n`, ENV);
    expect(config.access).toEqual({ default: 'none', roles: { admin: ['*'] }, users: {}, accounts: {} });
  });

  it('interpolates several variables in one value and anywhere in the file', () => {
    const config = parseConfigText(
      'accounts:\n  a:\n    vendor: agora\n    baseUrl: https://${HOST}:${PORT}\n    orgName: ${ORG}\n    appName: x-${ORG}-y\n    appToken: t\n',
      { HOST: 'a1.example.com', PORT: '8443', ORG: 'acme' },
    );
    expect(config.accounts.a).toMatchObject({
      baseUrl: 'https://a1.example.com:8443',
      orgName: 'acme',
      appName: 'x-acme-y',
    });
  });

  it('keeps $${X} as a literal ${X}', () => {
    const config = parseConfigText('accounts:\n  a: { vendor: iflychat, apiKey: "p$${NOT_SET}q" }\n', {});
    expect(config.accounts.a).toMatchObject({ apiKey: 'p${NOT_SET}q' });
  });

  it('does not interpolate keys or re-read values as YAML', () => {
    const config = parseConfigText('accounts:\n  a: { vendor: iflychat, apiKey: "${K}" }\n', { K: '[1, 2]' });
    expect(config.accounts.a).toMatchObject({ apiKey: '[1, 2]' });
  });
});

describe('parseConfigText: errors name the path', () => {
  it('names a missing variable and where it was used', () => {
    const e = configError(MINIMAL, {});
    expect(e.message).toContain('accounts.ifly.apiKey: environment variable IFLY_KEY is not set');
    expect(e.message).toMatch(/1 problem\)/);
  });

  it('rejects a malformed ${ reference', () => {
    expect(configError('accounts:\n  a: { vendor: iflychat, apiKey: "${bad name}" }\n').message).toContain(
      'accounts.a.apiKey: "${" must be followed by a variable name',
    );
    expect(configError('accounts:\n  a: { vendor: iflychat, apiKey: "x${OPEN" }\n').message).toContain(
      'accounts.a.apiKey',
    );
  });

  it('reports a missing required field as Required', () => {
    const e = configError('accounts:\n  rong: { vendor: rongcloud, appKey: k }\n');
    expect(e.message).toContain('accounts.rong.appSecret: Required');
    expect(e.field).toBe('accounts.rong.appSecret');
  });

  it('reports an unknown vendor, listing the vendors', () => {
    expect(configError('accounts:\n  x: { vendor: slackcloud, apiKey: k }\n').message).toContain(
      'accounts.x.vendor: must be one of iflychat, rongcloud, watchers, agora',
    );
    expect(configError('accounts:\n  x: { apiKey: k }\n').message).toContain('accounts.x.vendor: Required');
  });

  it('rejects invalid account names', () => {
    for (const name of ['Rong', '-x', 'a b', 'x'.repeat(64)]) {
      expect(configError(`accounts:\n  "${name}": { vendor: iflychat, apiKey: k }\n`).message).toContain(
        `accounts.${name}: account names are 1 to 63 lower-case letters`,
      );
    }
  });

  it('requires at least one account', () => {
    expect(configError('').message).toContain('accounts: Required');
    expect(configError('accounts: {}\n').message).toContain('accounts: define at least one account');
  });

  it('rejects unknown fields at the top level and in an account', () => {
    const e = configError(`${MINIMAL}    region: eu\nextra: 1\n`);
    expect(e.message).toContain('accounts.ifly: unknown field "region"');
    expect(e.message).toContain(
      'unknown field "extra" at the top level (expected accounts, access, storage, confirmTimeoutMinutes, bulkTypeToConfirm, scheduleGraceMinutes)',
    );
  });

  it("checks the job settings: bulkTypeToConfirm, scheduleGraceMinutes and an account's deleteGraceMinutes", () => {
    const ok = parseConfigText(
      `${MINIMAL}    deleteGraceMinutes: 15\nbulkTypeToConfirm: 0\nscheduleGraceMinutes: 5\n`,
      ENV,
    );
    expect(ok).toMatchObject({ bulkTypeToConfirm: 0, scheduleGraceMinutes: 5 });
    expect(ok.accounts.ifly).toMatchObject({ deleteGraceMinutes: 15 });
    const e = configError(`${MINIMAL}    deleteGraceMinutes: -1\nbulkTypeToConfirm: 2.5\n`);
    expect(e.message).toContain('accounts.ifly.deleteGraceMinutes: must be 0 or more');
    expect(e.message).toContain('bulkTypeToConfirm: must be a whole number');
  });

  it('reports a number where a string is expected, suggesting quotes', () => {
    expect(
      configError('accounts:\n  r: { vendor: rongcloud, appKey: 123, appSecret: s }\n').message,
    ).toContain('accounts.r.appKey: expected a string, got a number (quote it in YAML)');
  });

  it('rejects a baseUrl that is not a URL, or has a path', () => {
    const e = configError(
      'accounts:\n  a: { vendor: iflychat, apiKey: k, baseUrl: "not a url" }\n  b: { vendor: iflychat, apiKey: k, baseUrl: "https://h/api/1.1" }\n',
    );
    expect(e.message).toContain('accounts.a.baseUrl: must be a URL');
    expect(e.message).toContain('accounts.b.baseUrl: must be scheme, host and port only');
  });

  it('requires a baseUrl and a token source for Agora', () => {
    const e = configError('accounts:\n  a: { vendor: agora, orgName: o, appName: a }\n');
    expect(e.message).toContain('accounts.a.baseUrl: Required');
    const f = configError(
      'accounts:\n  a: { vendor: agora, baseUrl: "https://x.io", orgName: o, appName: a }\n',
    );
    expect(f.message).toContain('accounts.a.appToken: give appToken, or appId and appCertificate');
  });

  it('checks bounds: timeoutMs, confirmTimeoutMinutes', () => {
    const e = configError(`${MINIMAL}    timeoutMs: 5\nconfirmTimeoutMinutes: 0\n`);
    expect(e.message).toContain('accounts.ifly.timeoutMs: must be at least 100');
    expect(e.message).toContain('confirmTimeoutMinutes: must be more than 0');
  });

  it('confirmTimeoutMinutes stops at 30, the lifetime of the Slack response_url that updates the prompt', () => {
    expect(parseConfigText(`${MINIMAL}confirmTimeoutMinutes: 30\n`, ENV).confirmTimeoutMinutes).toBe(30);
    const e = configError(`${MINIMAL}confirmTimeoutMinutes: 31\n`);
    expect(e.code).toBe('config_error');
    expect(e.message).toContain('confirmTimeoutMinutes: must be more than 0 and at most 30 (minutes)');
    expect(e.message).toContain('response_url');
  });

  it('validates storage.url forms', () => {
    for (const url of [
      'sqlite:data/r.db',
      'sqlite:///var/r.db',
      'postgres://u:p@h:5432/d',
      'postgresql://h/d',
    ]) {
      expect(parseConfigText(`${MINIMAL}storage: { url: "${url}" }\n`, ENV).storage?.url).toBe(url);
    }
    expect(configError(`${MINIMAL}storage: { url: "mysql://h/d" }\n`).message).toContain(
      'storage.url: expected sqlite:relative/path.db',
    );
    expect(configError(`${MINIMAL}storage: { url: "sqlite:x", pool: 3 }\n`).message).toContain(
      'storage: unknown field "pool"',
    );
  });

  it('reads storage.timeoutMs, alone or beside storage.url', () => {
    expect(parseConfigText(`${MINIMAL}storage: { timeoutMs: 2000 }\n`, ENV).storage).toEqual({
      timeoutMs: 2000,
    });
    expect(configError(`${MINIMAL}storage: { url: "sqlite:x", timeoutMs: 50 }\n`).message).toContain(
      'storage.timeoutMs: must be at least 100 (ms)',
    );
    expect(configError(`${MINIMAL}storage: { timeoutMs: 1.5 }\n`).message).toContain(
      'storage.timeoutMs: must be a whole number of milliseconds',
    );
  });

  it('reports YAML syntax errors with line and column', () => {
    const e = configError('accounts:\n  a: [1\n  b: 2\n');
    expect(e.message).toMatch(/YAML syntax error at line \d+, column \d+/);
    expect(configError('accounts: 1\naccounts: 2\n').message).toMatch(/Map keys must be unique/);
  });

  it('rejects a file that is not a mapping', () => {
    expect(configError('- a\n- b\n').message).toContain('must be a YAML mapping');
  });

  it('lists every problem at once, each with its path', () => {
    const e = configError(
      'accounts:\n  rong: { vendor: rongcloud, appKey: k }\n  w: { vendor: watchers, apiKey: k }\nstorage: { url: "x" }\n',
    );
    expect(e.message).toMatch(/\(3 problems\)/);
    expect(e.details?.issues).toEqual([
      { path: 'accounts.rong.appSecret', message: 'Required' },
      { path: 'accounts.w.token', message: 'Required' },
      expect.objectContaining({ path: 'storage.url' }),
    ]);
  });
});

describe('parseConfigText: access section', () => {
  const withAccess = (access: string) => `${MINIMAL}access:\n${access}`;

  it('names an unknown role and where it was used', () => {
    const e = configError(
      withAccess(
        '  default: viewr\n  roles: { admin: ["*"], viewer: [read] }\n  users:\n    "slack:U1": admn\n    "slack:U2": [viewer, opx]\n  accounts:\n    ifly: { users: { "slack:U3": ghost } }\n',
      ),
    );
    expect(e.message).toContain('access.default: unknown role "viewr" (did you mean "viewer"?)');
    expect(e.message).toContain('access.users.slack:U1: unknown role "admn" (did you mean "admin"?)');
    expect(e.message).toContain('access.users.slack:U2: unknown role "opx"');
    expect(e.message).toContain('access.accounts.ifly.users.slack:U3: unknown role "ghost"');
  });

  it('accepts none as a role reference but not as a role definition', () => {
    expect(
      parseConfigText(withAccess('  users: { "slack:U1": none }\n'), ENV).access?.users['slack:U1'],
    ).toEqual(['none']);
    expect(configError(withAccess('  roles: { none: [read] }\n')).message).toContain(
      'access.roles.none: "none" is reserved',
    );
  });

  it('rejects unknown grants, listing kinds and actions', () => {
    const e = configError(withAccess('  roles: { ops: [read, delet, "**"] }\n'));
    expect(e.message).toContain(
      'access.roles.ops[1]: unknown grant "delet": expected a kind (read, write, destructive)',
    );
    expect(e.message).toContain('access.roles.ops[2]: unknown grant "**"');
  });

  it('accepts kinds, action names and * as grants', () => {
    const config = parseConfigText(
      withAccess('  roles: { a: [read, write, destructive, delete, kick, "*"] }\n'),
      ENV,
    );
    expect(config.access?.roles.a).toHaveLength(6);
  });

  it('rejects malformed principals and channels', () => {
    const e = configError(
      withAccess(
        '  roles: { v: [read] }\n  users: { "U123": v, "slack:u1": v, "discord:role:abc": v }\n  channels: ["C0OPS", "discord:123", "slack:C1"]\n',
      ),
    );
    expect(e.message).toContain('access.users.U123: expected slack:<user id>, slack:group:<user group id>');
    expect(e.message).toContain('access.users.slack:u1: expected slack:<user id>');
    expect(e.message).toContain('access.users.discord:role:abc: expected');
    expect(e.message).toContain('access.channels[0]: expected slack:<channel id>, discord:guild:<guild id>');
    expect(e.message).toContain('access.channels[1]: expected');
    expect(e.message).not.toContain('access.channels[2]');
  });

  it('rejects an override for an account that does not exist', () => {
    expect(configError(withAccess('  accounts: { ilfy: { twoPersonRule: true } }\n')).message).toContain(
      'access.accounts.ilfy: no account named "ilfy" in accounts (did you mean "ifly"?)',
    );
  });

  it('rejects unknown fields and wrong types in access', () => {
    const e = configError(withAccess('  admins: []\n  accounts: { ifly: { twoPersonRule: yes please } }\n'));
    expect(e.message).toContain('access: unknown field "admins"');
    expect(e.message).toContain('access.accounts.ifly.twoPersonRule: expected true or false, got a string');
  });

  it('rejects an empty access: key rather than guessing', () => {
    expect(configError(`${MINIMAL}access:\n`).message).toContain('access: expected a mapping, got null');
  });
});

describe('parseConfigText: secrets never appear in messages', () => {
  const SECRET = 'S3cr3t-Do-Not-Print-42';

  function expectNoSecret(e: ConfigError, ...secrets: string[]): void {
    for (const s of secrets) {
      expect(e.message).not.toContain(s);
      expect(JSON.stringify(e.toJSON())).not.toContain(s);
      expect(JSON.stringify(e.details)).not.toContain(s);
    }
  }

  it('a secret under a typo’d field name: the field is named, the value is not', () => {
    const e = configError(
      `accounts:\n  rong:\n    vendor: rongcloud\n    appKey: k\n    appSecrett: ${SECRET}\n`,
    );
    expect(e.message).toContain('accounts.rong.appSecret: Required');
    expect(e.message).toContain('accounts.rong: unknown field "appSecrett" (did you mean appSecret?)');
    expectNoSecret(e, SECRET);
  });

  it('a secret of the wrong type or in the wrong place', () => {
    const e = configError(
      `accounts:\n  a: { vendor: iflychat, apiKey: [${SECRET}] }\n  b: { vendor: ${SECRET}, apiKey: x }\n  c: { vendor: iflychat, apiKey: k, baseUrl: "https://h/?apiKey=${SECRET}" }\n  d: { vendor: iflychat, apiKey: k, baseUrl: "${SECRET} nope" }\n`,
    );
    expect(e.message).toContain('accounts.a.apiKey: expected a string, got a list');
    expect(e.message).toContain('accounts.b.vendor: must be one of');
    expect(e.message).toContain('accounts.c.baseUrl');
    expect(e.message).toContain('accounts.d.baseUrl: must be a URL');
    expectNoSecret(e, SECRET);
  });

  it('a secret that came from the environment, and the storage password', () => {
    const e = configError(
      `accounts:\n  a: { vendor: watchers, apiKey: "\${K}", token: "\${K}", extra: "\${K}" }\nstorage: { url: "mysql://u:\${K}@h/d" }\n`,
      { K: SECRET },
    );
    expect(e.message).toContain('accounts.a: unknown field "extra"');
    expect(e.message).toContain('storage.url');
    expectNoSecret(e, SECRET);
  });

  it('a YAML syntax error on a line holding a secret', () => {
    const e = configError(`accounts:\n  a: { vendor: iflychat, apiKey: "${SECRET}\n`);
    expect(e.message).toMatch(/YAML syntax error/);
    expectNoSecret(e, SECRET);
  });

  it('an interpolation error in a secret', () => {
    const e = configError(`accounts:\n  a: { vendor: iflychat, apiKey: "${SECRET}\${MISSING}" }\n`, {});
    expect(e.message).toContain('accounts.a.apiKey: environment variable MISSING is not set');
    expectNoSecret(e, SECRET);
  });
});

describe('loadConfig: finding the file', () => {
  it('uses --config first', async () => {
    const path = await write('explicit/a.yml', MINIMAL);
    await write('cwd1/roomops.yml', 'not: valid');
    const loaded = await loadConfig({
      path,
      env: { ...ENV, ROOMOPS_CONFIG: join(dir, 'nope.yml') },
      cwd: join(dir, 'cwd1'),
    });
    expect(loaded).toMatchObject({
      source: 'file',
      path,
      config: { accounts: { ifly: { apiKey: 'ifly-key-value' } } },
    });
  });

  it('resolves a relative --config against cwd', async () => {
    await write('rel/conf/x.yml', MINIMAL);
    const loaded = await loadConfig({ path: 'conf/x.yml', env: ENV, cwd: join(dir, 'rel') });
    expect(loaded).toMatchObject({ source: 'file', path: join(dir, 'rel/conf/x.yml') });
  });

  it('then ROOMOPS_CONFIG', async () => {
    const path = await write('env/b.yml', MINIMAL);
    const loaded = await loadConfig({ env: { ...ENV, ROOMOPS_CONFIG: path }, cwd: join(dir, 'cwd1') });
    expect(loaded).toMatchObject({ source: 'file', path });
  });

  it('then ./roomops.yml', async () => {
    const path = await write('cwd2/roomops.yml', MINIMAL);
    expect(await loadConfig({ env: ENV, cwd: join(dir, 'cwd2') })).toMatchObject({ source: 'file', path });
    expect(await loadConfig({ env: { ...ENV, ROOMOPS_CONFIG: '' }, cwd: join(dir, 'cwd2') })).toMatchObject({
      source: 'file',
      path,
    });
  });

  it('returns none when there is no file at all (sandbox mode)', async () => {
    await mkdir(join(dir, 'empty'), { recursive: true });
    expect(await loadConfig({ env: {}, cwd: join(dir, 'empty') })).toEqual({ source: 'none' });
  });

  it('fails when the --config or ROOMOPS_CONFIG file does not exist', async () => {
    await expect(loadConfig({ path: 'missing.yml', env: {}, cwd: dir })).rejects.toThrow(
      /config file .*missing\.yml \(from --config\) does not exist/,
    );
    await expect(
      loadConfig({ env: { ROOMOPS_CONFIG: join(dir, 'gone.yml') }, cwd: dir }),
    ).rejects.toMatchObject({
      code: 'config_error',
      message: expect.stringMatching(/gone\.yml \(from ROOMOPS_CONFIG\) does not exist/),
    });
  });

  it('fails when the path is a directory', async () => {
    await expect(loadConfig({ path: dir, env: {} })).rejects.toThrow(/is a directory/);
  });

  it('names the file in validation errors', async () => {
    const path = await write('bad/roomops.yml', MINIMAL);
    await expect(loadConfig({ env: {}, cwd: join(dir, 'bad') })).rejects.toThrow(
      `${path} is invalid (1 problem):\n  - accounts.ifly.apiKey: environment variable IFLY_KEY is not set`,
    );
  });
});

describe('the documented examples are valid', () => {
  const yamlBlock = async (file: string) => {
    const text = await readFile(new URL(`../../docs/${file}`, import.meta.url), 'utf8');
    return /```yaml\n([\s\S]*?)```/.exec(text)![1]!;
  };
  const anyEnv = new Proxy({} as Record<string, string>, { get: (_, name) => `value-of-${String(name)}` });

  it('docs/config.md', async () => {
    const config = parseConfigText(await yamlBlock('config.md'), anyEnv);
    expect(Object.keys(config.accounts)).toEqual(['ifly-prod', 'rong-prod', 'watch-prod', 'agora-prod']);
    expect(config.access?.users['slack:group:S0OPS']).toEqual(['operator']);
  });

  it('docs/access.md', async () => {
    const accounts = 'accounts:\n  rong-prod: { vendor: rongcloud, appKey: k, appSecret: s }\n';
    const config = parseConfigText(accounts + (await yamlBlock('access.md')), {});
    expect(config.access?.accounts['rong-prod']?.twoPersonRule).toBe(true);
  });
});
