/**
 * `roomops run` through the real CLI process (issue 3, items 9–10):
 * JSON shapes, exit codes, confirmation, dry-run redaction, inventory,
 * audit, text output, config handling. Needs the build (dist/).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import {
  type CliResult,
  type Json,
  parseJson,
  pool,
  REPO,
  type RunningSandbox,
  roomops,
  SANDBOX_SECRETS,
  startSandboxProcess,
  tempDir,
} from './helpers.js';

/** The start of an ANSI escape sequence. */
const ESC = '\u001b[';
const VENDOR_OF: Record<string, string> = {
  ifly: 'iflychat',
  rong: 'rongcloud',
  watch: 'watchers',
  agora: 'agora',
};
const TOWN_HALL = '212126098587649';
const SUPPORT = '212126099636225';
const ME = (() => {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'local';
  }
})();

function expectNoSecrets(result: CliResult): void {
  for (const secret of SANDBOX_SECRETS) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

/** Every form of every action on every vendor the capability matrix allows, with its documented result key. */
const MATRIX: { text: string; keys: string[] }[] = [
  { text: 'create ifly "Ops room" room_private=yes', keys: ['room'] },
  { text: 'create rong newroom-1 destroyType=1 destroyTime=120 whiteUserIds=host1,host2', keys: ['room'] },
  {
    text: 'create watch new-show name="New show" about="A show" startTime=2030-12-01T18:00:00Z',
    keys: ['room'],
  },
  { text: 'create agora "Ops room" members=bob,carol', keys: ['room'] },
  { text: 'list ifly', keys: ['rooms', 'source'] },
  { text: 'list rong', keys: ['rooms', 'source'] },
  { text: 'list watch', keys: ['rooms', 'source'] },
  { text: 'list agora limit=2', keys: ['rooms', 'source', 'cursor'] },
  { text: 'info ifly 1,3', keys: ['rooms'] },
  { text: 'info rong lobby', keys: ['rooms'] },
  { text: 'info watch concert-live', keys: ['rooms'] },
  { text: `info agora ${TOWN_HALL}`, keys: ['rooms'] },
  { text: 'update ifly 1 name="Lobby 2" room_moderate=on', keys: ['room'] },
  { text: 'update rong lobby destroyType=1 destroyTime=240', keys: ['room'] },
  { text: `update agora ${TOWN_HALL} maxusers=800 description="All hands"`, keys: ['room'] },
  { text: 'delete ifly 2', keys: ['deleted'] },
  { text: 'delete rong support-1', keys: ['deleted'] },
  { text: 'delete watch quiz-night', keys: ['deleted'] },
  { text: `delete agora ${SUPPORT}`, keys: ['deleted'] },
  { text: 'status watch match-day ENDED', keys: ['room'] },
  { text: 'voice watch concert-live off', keys: ['room'] },
  { text: 'mute rong lobby on', keys: ['room'] },
  { text: `mute agora ${TOWN_HALL}`, keys: ['room'] },
  { text: 'keepalive rong lobby off', keys: ['room'] },
  { text: `announce agora ${TOWN_HALL} "Doors open at 18:00"`, keys: ['announcement'] },
  { text: `announce agora ${TOWN_HALL}`, keys: ['announcement'] },
  { text: 'announce ifly 1 "Maintenance at noon"', keys: ['announcement'] },
  { text: 'announce watch concert-live "Kick-off in 5 minutes"', keys: ['announcement'] },
  { text: `members agora ${TOWN_HALL}`, keys: ['members'] },
  { text: `members agora ${TOWN_HALL} add dave`, keys: ['members'] },
  { text: `members agora ${TOWN_HALL} remove bob`, keys: ['members'] },
  { text: 'members ifly 1', keys: ['members'] },
  { text: 'members rong lobby', keys: ['members'] },
  { text: `kick agora ${TOWN_HALL} bob`, keys: ['kicked'] },
  { text: 'kick rong lobby alice minute=120', keys: ['kicked'] },
  { text: 'kick ifly 1 14', keys: ['kicked'] },
  { text: 'kick watch concert-live troll-3 reason=flood', keys: ['kicked'] },
  { text: 'history ifly 1 limit=5', keys: ['messages'] },
  { text: 'help', keys: ['text', 'actions'] },
  { text: 'accounts', keys: ['accounts'] },
  { text: 'audit', keys: ['entries'] },
];

const dir = tempDir();
let seq = 0;
/** The built-in sandbox (no config file in `dir`), each call with its own store unless `db` is given. */
const run = (args: string[], db = `db-${seq++}.sqlite`, env: Record<string, string> = {}) =>
  roomops(['run', ...args], { cwd: dir, env: { ROOMOPS_DATABASE_URL: `sqlite:${join(dir, db)}`, ...env } });

const DRY_RUNS = [
  'delete ifly 2',
  'delete rong support-1',
  `delete agora ${SUPPORT} --dry-run`,
  'list watch',
];

const ERRORS: { text: string; code: number; error: string; check?: (json: Json) => void }[] = [
  {
    text: `info agora ${TOWN_HALL},999999`,
    code: 1,
    error: 'partial',
    check: (j) =>
      expect(j.error.items).toEqual([
        { id: TOWN_HALL, ok: true },
        expect.objectContaining({ id: '999999', ok: false, code: 'vendor_not_found' }),
      ]),
  },
  { text: 'frobnicate agora', code: 2, error: 'unknown_action' },
  {
    text: 'list nowhere',
    code: 2,
    error: 'unknown_account',
    check: (j) => expect(j.error.message).toContain('ifly'),
  },
  {
    text: 'create agora Lobby maxusers=lots',
    code: 2,
    error: 'invalid_input',
    check: (j) => {
      expect(j.error.field).toBe('maxusers');
      expect(j.error.message).toContain('maxusers');
    },
  },
  {
    text: `status agora ${TOWN_HALL} LIVE`,
    code: 2,
    error: 'unsupported_action',
    check: (j) => {
      expect(j.error.message).toMatch(/status/);
      expect(j.error.message).toMatch(/create, list, info/);
    },
  },
  {
    text: 'info agora 999999',
    code: 1,
    error: 'vendor_not_found',
    check: (j) => expect(j.vendor).toBe('agora'),
  },
  { text: 'delete agora 999999', code: 3, error: 'not_confirmed' },
];

/** All the independent built-in-sandbox calls, run once, a few at a time (each with its own store). */
const batch = new Map<string, CliResult>();

describe('roomops run: every action on every vendor (built-in sandbox)', () => {
  beforeAll(async () => {
    const calls: { key: string; args: string[]; env?: Record<string, string> }[] = [
      ...MATRIX.map(({ text }) => ({ key: `ok:${text}`, args: [text, '--json', '--yes'] })),
      ...DRY_RUNS.map((text) => ({
        key: `dry:${text}`,
        args: text.endsWith('--dry-run') ? [text, '--json'] : [text, '--json', '--dry-run'],
      })),
      ...ERRORS.map(({ text }) => ({ key: `err:${text}`, args: [text, '--json'] })),
      { key: 'text:list', args: ['list agora'], env: { NO_COLOR: '1', FORCE_COLOR: '1' } },
      { key: 'text:error', args: ['list nowhere'], env: { NO_COLOR: '1', FORCE_COLOR: '1' } },
    ];
    const results = await pool(calls, 3, ({ args, env }) => run(args, undefined, env));
    for (const [i, { key }] of calls.entries()) batch.set(key, results[i]!);
  }, 90_000);

  it('answers each with the JSON shape DESIGN.md fixes and exit 0', () => {
    const failures: string[] = [];
    MATRIX.forEach(({ text, keys }) => {
      const result = batch.get(`ok:${text}`)!;
      expectNoSecrets(result);
      let json: Json;
      try {
        json = parseJson(result);
      } catch (error) {
        failures.push(`${text}: ${(error as Error).message}`);
        return;
      }
      if (result.code !== 0 || json.ok !== true) {
        failures.push(`${text}: exit ${result.code} ${result.stdout}`);
        return;
      }
      const [action, account] = text.split(' ');
      expect(json.action, text).toBe(action);
      const global = ['help', 'accounts', 'audit'].includes(action!);
      expect(json.account, text).toBe(global ? null : account);
      expect(json.vendor, text).toBe(global ? null : VENDOR_OF[account!]);
      for (const key of keys) expect(json.result, `${text}: result.${key}`).toHaveProperty(key);
      const rooms: unknown[] = json.result.room ? [json.result.room] : (json.result.rooms ?? []);
      for (const room of rooms as Record<string, unknown>[]) {
        expect(typeof room.id, `${text}: room id`).toBe('string');
        if (account !== 'rong') expect(typeof room.name, `${text}: room name`).toBe('string');
      }
    });
    expect(failures).toEqual([]);

    const byText = (t: string) => JSON.parse(batch.get(`ok:${t}`)!.stdout);
    expect(byText('list rong').result.source).toBe('inventory');
    expect(byText('list rong').result.rooms.every((r: { source: string }) => r.source === 'inventory')).toBe(
      true,
    );
    expect(byText('list agora limit=2').result.rooms).toHaveLength(2);
    expect(byText('list ifly').result.source).toBe('vendor');
    expect(['vendor', 'vendor+inventory']).toContain(byText('list watch').result.source);
    expect(byText('list watch').result.rooms.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining(['concert-live', 'match-day']),
    );
    expect(byText('delete watch quiz-night').result.deleted).toEqual(['quiz-night']);
    expect(byText('status watch match-day ENDED').result.room.status).toBe('ENDED');
    expect(byText('voice watch concert-live off').result.room.isSpeak).toBe(false);
    expect(byText('mute rong lobby on').result.room.ban).toBe(true);
    expect(byText(`members agora ${TOWN_HALL} add dave`).result.members).toEqual([{ id: 'dave' }]);
    expect(byText(`announce agora ${TOWN_HALL}`).result.announcement.text).toBe(
      'Questions open 30 minutes before the stream.',
    );
    expect(byText('kick rong lobby alice minute=120').result.kicked).toMatchObject({
      room: 'lobby',
      user: 'alice',
    });
    expect(byText('create agora "Ops room" members=bob,carol').result.room.name).toBe('Ops room');
    const accounts = byText('accounts').result.accounts as {
      name: string;
      vendor: string;
      actions: string[];
    }[];
    expect(accounts.map((a) => [a.name, a.vendor])).toEqual(Object.entries(VENDOR_OF));
    expect(accounts.find((a) => a.name === 'watch')!.actions).toContain('status');
    expect(byText('help').result.actions.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['create', 'delete', 'kick', 'audit']),
    );
  });

  it('--dry-run shows the requests for every vendor, redacted, sends nothing and needs no --yes', () => {
    for (const text of DRY_RUNS) {
      const result = batch.get(`dry:${text}`)!;
      expect(result.code, text).toBe(0);
      expectNoSecrets(result);
      const json = parseJson(result);
      expect(json.ok).toBe(true);
      expect(json.result.dryRun).toBe(true);
      expect(json.result.requests.length, text).toBeGreaterThan(0);
      for (const request of json.result.requests) {
        expect(request).toHaveProperty('method');
        expect(request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      }
    }
  });

  it('exit 2 for bad commands and input, 1 for a vendor failure, 3 unconfirmed; errors in the documented shape', () => {
    for (const { text, code, error, check } of ERRORS) {
      const result = batch.get(`err:${text}`)!;
      expect(result.code, `${text}: ${result.stdout}`).toBe(code);
      const json = parseJson(result);
      expect(json.ok).toBe(false);
      expect(json.action).toBe(text.split(' ')[0]);
      expect(json.error.code, text).toBe(error);
      expect(typeof json.error.message).toBe('string');
      check?.(json);
    }
  });

  it('text mode prints a readable table; NO_COLOR=1 output has no escape codes', () => {
    const table = batch.get('text:list')!;
    const failure = batch.get('text:error')!;
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Town hall');
    expect(table.stdout).toContain(TOWN_HALL);
    expect(
      table.stdout.split('\n').filter((l) => l.includes(TOWN_HALL) || l.includes('Beta testers')).length,
    ).toBe(2);
    expect(table.stdout).not.toContain(ESC);
    expect(() => JSON.parse(table.stdout)).toThrow();
    expect(failure.code).toBe(2);
    expect(failure.stdout).toBe('');
    expect(failure.stderr).toContain('nowhere');
    expect(failure.stderr).not.toContain(ESC);
  });
});

describe('roomops: help, version, options, check, config', () => {
  it('--help, --version, an option after the sub-command, check --json', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const [help, version, missing, missingJson, check] = await Promise.all([
      roomops(['--help'], { cwd: dir }),
      roomops(['--version'], { cwd: dir }),
      run(['list agora', '--config', 'x.yml']),
      run(['list agora', '--json', '--config', 'x.yml']),
      roomops(['check', '--json'], {
        cwd: dir,
        env: { ROOMOPS_DATABASE_URL: `sqlite:${join(dir, 'check.sqlite')}` },
      }),
    ]);
    expect(help.code).toBe(0);
    for (const sub of ['run', 'shell', 'sandbox', 'check', 'discord-register'])
      expect(help.stdout).toContain(sub);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('x.yml');
    expect(missingJson.code).toBe(2);
    expect(parseJson(missingJson).error.code).toBe('config_error');
    expect(check.code).toBe(0);
    const checked = parseJson(check);
    expect(checked.accounts.map((a: { name: string }) => a.name)).toEqual(['ifly', 'rong', 'watch', 'agora']);
    expect(checked.accounts.every((a: { ok: boolean }) => a.ok)).toBe(true);
    expectNoSecrets(check);
  });

  it('a usage error (missing text, unknown option) is a bad command: exit 2', async () => {
    const [noText, badOption] = await Promise.all([
      roomops(['run'], { cwd: dir }),
      roomops(['run', 'help', '--bogus'], { cwd: dir }),
    ]);
    expect(noText.code).toBe(2);
    expect(noText.stderr).toContain("missing required argument 'text'");
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('--bogus');
  });
});

describe('roomops run against `roomops sandbox` with a config file: state across calls', () => {
  let sandbox: RunningSandbox;
  const cfgDir = tempDir();
  const config = join(cfgDir, 'roomops.yml');
  const db = `sqlite:${join(cfgDir, 'state.sqlite')}`;
  const call = (args: string[], env: Record<string, string> = {}) =>
    roomops(['run', ...args], { cwd: cfgDir, env: { ROOMOPS_DATABASE_URL: db, ...env } });
  const agoraUrl = () => /agora:\n\s+vendor: agora\n\s+baseUrl: (\S+)/.exec(sandbox.yaml)![1]!;
  const agoraRequests = async () =>
    (
      (await (await fetch(`${agoraUrl()}/__sandbox/requests`)).json()) as {
        requests: { method: string; path: string }[];
      }
    ).requests.filter((r) => !r.path.startsWith('/__sandbox')).length;

  beforeAll(async () => {
    sandbox = await startSandboxProcess(cfgDir);
    // ./roomops.yml in the cwd is found without --config.
    writeFileSync(config, sandbox.yaml);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  // The flows touch different accounts: they run side by side.
  it.concurrent(
    'create → list shows it (RongCloud from the inventory); delete needs --yes, then it is gone; audit shows it',
    async () => {
      const created = await call(['create rong ops-new-1 destroyType=1 destroyTime=120', '--json']);
      expect(created.code, created.stdout).toBe(0);
      expect(parseJson(created).result.room.id).toBe('ops-new-1');

      let list = parseJson(await call(['list rong', '--json']));
      expect(list.result.source).toBe('inventory');
      expect(list.result.rooms).toEqual([expect.objectContaining({ id: 'ops-new-1', source: 'inventory' })]);

      const unconfirmed = await call(['delete rong ops-new-1', '--json']);
      expect(unconfirmed.code).toBe(3);
      expect(parseJson(unconfirmed).error.code).toBe('not_confirmed');
      expect((await call(['info rong ops-new-1', '--json'])).code).toBe(0);

      const deleted = await call(['delete rong ops-new-1', '--json', '--yes']);
      expect(deleted.code, deleted.stdout).toBe(0);
      expect(parseJson(deleted).result.deleted).toEqual(['ops-new-1']);
      list = parseJson(await call(['list rong', '--json']));
      expect(list.result.rooms).toEqual([]);
      const info = await call(['info rong ops-new-1', '--json']);
      expect(info.code).toBe(1);
      expect(parseJson(info).error.code).toBe('vendor_not_found');

      // audit shows these entries with actor shell:<user>, filterable.
      const audit = await call(['audit account=rong action=delete', '--json']);
      expect(audit.code).toBe(0);
      const json = parseJson(audit);
      expect(json).toMatchObject({ ok: true, action: 'audit', account: null, vendor: null });
      const entries = json.result.entries as Record<string, unknown>[];
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(entry.actor).toBe(`shell:${ME}`);
        expect(entry.action).toBe('delete');
        expect(entry.account).toBe('rong');
      }
      expect(
        entries.some((e) => e.outcome !== 'invalid' && (e.rooms as string[]).includes('ops-new-1')),
      ).toBe(true);
      expectNoSecrets(audit);
    },
  );

  it.concurrent(
    'Agora: create shows in the vendor list, the default owner applies, a dry-run sends nothing, delete removes it',
    async () => {
      const created = parseJson(await call(['create agora "Night shift"', '--json']));
      const id = created.result.room.id as string;
      expect(created.result.room.owner).toBe('ops-bot');
      let list = parseJson(await call(['list agora', '--json']));
      expect(list.result.rooms.map((r: { id: string }) => r.id)).toContain(id);

      const before = await agoraRequests();
      const dry = await call([`delete agora ${id}`, '--json', '--dry-run']);
      expect(dry.code).toBe(0);
      expectNoSecrets(dry);
      expect(parseJson(dry).result).toMatchObject({
        dryRun: true,
        requests: [expect.objectContaining({ method: 'DELETE' })],
      });
      const bad = await call([`update agora ${id} maxusers=-4`, '--json']);
      expect(bad.code).toBe(2);
      expect(parseJson(bad).error).toMatchObject({ code: 'invalid_input', field: 'maxusers' });
      expect(await agoraRequests()).toBe(before);

      expect((await call([`delete agora ${id}`, '--json', '--yes'])).code).toBe(0);
      list = parseJson(await call(['list agora', '--json']));
      expect(list.result.rooms.map((r: { id: string }) => r.id)).not.toContain(id);
    },
  );

  it.concurrent(
    '${ENV} interpolation; a missing variable and a bad field are config errors naming the path, never the secret',
    async () => {
      const secret = SANDBOX_CREDENTIALS.rongcloud.appSecret;
      const withEnv = join(cfgDir, 'env.yml');
      writeFileSync(withEnv, sandbox.yaml.replace(secret, '${RONG_SECRET_FOR_TEST}'));
      const bad = join(cfgDir, 'bad.yml');
      writeFileSync(
        bad,
        sandbox.yaml.replace(`appSecret: ${secret}`, 'appSecret: 987654321987\n    appSecrett: x'),
      );
      const [ok, unset, invalid, invalidText, checkBad] = await Promise.all([
        call(['info rong lobby', '--json', '--config', withEnv], { RONG_SECRET_FOR_TEST: secret }),
        // An option before the sub-command works too.
        roomops(['--config', withEnv, 'run', 'info rong lobby', '--json'], {
          cwd: cfgDir,
          env: { ROOMOPS_DATABASE_URL: db },
        }),
        call(['list agora', '--json', '--config', bad]),
        call(['list agora', '--config', bad]),
        roomops(['check', '--config', bad, '--json'], { cwd: cfgDir }),
      ]);
      expect(ok.code, ok.stdout).toBe(0);
      expect(parseJson(ok).result.rooms[0].id).toBe('lobby');
      expect(unset.code).toBe(2);
      expect(parseJson(unset).error.code).toBe('config_error');
      expect(parseJson(unset).error.message).toContain('RONG_SECRET_FOR_TEST');
      expect(parseJson(unset).error.message).toContain('accounts.rong.appSecret');
      for (const result of [invalid, invalidText, checkBad]) {
        expect(result.code).toBe(2);
        expect(result.stdout + result.stderr).toContain('accounts.rong.appSecret');
        expect(result.stdout + result.stderr).not.toContain('987654321987');
        expectNoSecrets(result);
      }
      expect(parseJson(invalid).error.code).toBe('config_error');
    },
  );
});
