/**
 * Issue 8.1 through the real CLI process against `roomops sandbox`: an id
 * that could change a vendor URL (`..`, `/`, `?`, `%`…) is `invalid_input`
 * (exit 2) naming the field, for every vendor and id position, and no request
 * reaches any emulator (their own request logs say so). Account-side names
 * that reach URLs are checked at config load. Needs the build (dist/).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CliResult,
  parseJson,
  pool,
  type RunningSandbox,
  roomops,
  SANDBOX_SECRETS,
  startSandboxProcess,
  tempDir,
} from './helpers.js';

const TOWN_HALL = '212126098587649';
const VENDORS = ['iflychat', 'rongcloud', 'watchers', 'agora'] as const;

let sandbox: RunningSandbox;
const dir = tempDir('roomops-ids-');
const config = join(dir, 'roomops.yml');
const db = `sqlite:${join(dir, 'state.sqlite')}`;
const run = (text: string, configFile = config) =>
  roomops(['run', text, '--json', '--yes', '--config', configFile], {
    cwd: dir,
    env: { ROOMOPS_DATABASE_URL: db },
  });

const urlOf = (vendor: string) =>
  new RegExp(`vendor: ${vendor}\\n\\s+baseUrl: (\\S+)`).exec(sandbox.yaml)![1]!;
/** Vendor requests each emulator has answered so far (its own log, control calls left out). */
async function vendorRequests(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const vendor of VENDORS) {
    const reply = (await (await fetch(`${urlOf(vendor)}/__sandbox/requests`)).json()) as {
      requests: { path: string }[];
    };
    counts[vendor] = reply.requests.filter((r) => !r.path.startsWith('/__sandbox')).length;
  }
  return counts;
}

function expectNoSecrets(result: CliResult): void {
  for (const secret of SANDBOX_SECRETS) expect(result.stdout + result.stderr).not.toContain(secret);
}

beforeAll(async () => {
  sandbox = await startSandboxProcess(dir);
  writeFileSync(config, sandbox.yaml);
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('ids that would change a vendor URL are refused before any request', () => {
  /** [command text, the field the error names] — each vendor, each id position. */
  const HOSTILE: [string, string][] = [
    [`members agora ${TOWN_HALL} remove ..`, 'user'],
    [`members agora ${TOWN_HALL} remove bob ..`, 'user'],
    ['members agora .. remove alice', 'room'],
    [`kick agora ${TOWN_HALL} ..`, 'user'],
    ['delete agora ..', 'room'],
    [`delete agora ${TOWN_HALL},..`, 'room'],
    ['create agora "New hall" owner=..', 'owner'],
    ['create agora "New hall" members=bob,../x', 'members'],
    [`announce agora . "hello"`, 'room'],
    ['delete ifly ..', 'room'],
    ['kick ifly 1 ..', 'user'],
    ['kick ifly 1 a/../b', 'user'],
    ['history ifly ..', 'room'],
    ['members ifly %2e%2e', 'room'],
    ['delete rong ..', 'room'],
    ['kick rong lobby ..', 'user'],
    ['create rong a/b', 'room'],
    ['create rong ok-room whiteUserIds=host1,..', 'whiteUserIds'],
    ['delete watch ..', 'room'],
    ['info watch a?b', 'room'],
    ['status watch %2e%2e ENDED', 'room'],
    ['kick watch match-day ..', 'user'],
    ['kick watch match-day "a#b"', 'user'],
  ];

  it('answers invalid_input (exit 2) naming the field and the expected form; no emulator sees a request', async () => {
    const before = await vendorRequests();
    const results = await pool(HOSTILE, 2, ([text]) => run(text));
    results.forEach((result, i) => {
      const [text, field] = HOSTILE[i]!;
      expect(result.code, `${text}\n${result.stdout}${result.stderr}`).toBe(2);
      const error = parseJson(result).error;
      expect(error.code, text).toBe('invalid_input');
      expect(error.field, text).toBe(field);
      expect(error.message, text).toMatch(new RegExp(`^${field}: ".*" is not an? .*; expected `));
      expectNoSecrets(result);
    });
    expect(await vendorRequests()).toEqual(before);

    // The room the headline case aimed at is still there, and the log does count requests.
    const info = await run(`info agora ${TOWN_HALL}`);
    expect(info.code, info.stdout).toBe(0);
    expect(parseJson(info).result.rooms[0].id).toBe(TOWN_HALL);
    expect((await vendorRequests()).agora).toBeGreaterThan(before.agora!);
  });

  it('states each vendor’s own rules: an Agora username is lower case, an iFlyChat room a number', async () => {
    const [upper, word] = await Promise.all([
      run(`members agora ${TOWN_HALL} add Bob`),
      run('delete ifly lobby'),
    ]);
    expect(upper.code).toBe(2);
    expect(parseJson(upper).error.message).toBe(
      'user: "Bob" is not an Agora username; expected 1–64 of a-z 0-9 _ - . (lower case), e.g. alice',
    );
    expect(word.code).toBe(2);
    expect(parseJson(word).error.message).toContain(
      '"lobby" is not an iFlyChat room id; expected a whole number',
    );
  });
});

describe('account names and ids in the config are checked at load', () => {
  const EVIL = 'x/../evil';
  const CASES: [string, (yaml: string) => string][] = [
    ['accounts.agora.orgName', (y) => y.replace(/orgName: \S+/, `orgName: "${EVIL}"`)],
    ['accounts.agora.appName', (y) => y.replace(/appName: \S+/, 'appName: ".."')],
    ['accounts.agora.defaultOwner', (y) => y.replace('defaultOwner: ops-bot', `defaultOwner: "${EVIL}"`)],
    // The first announceAs is iFlyChat's.
    ['accounts.ifly.announceAs.id', (y) => y.replace('{ id: roomops,', `{ id: "${EVIL}",`)],
    ['accounts.watch.announceAs.id', (y) => y.replace(/(watch:[\s\S]*?)\{ id: roomops,/, '$1{ id: ".",')],
  ];

  it.each(CASES)('%s: config_error (exit 2) naming the path, never the value', async (path, edit) => {
    const file = join(dir, `${path}.yml`);
    const yaml = edit(sandbox.yaml);
    expect(yaml).not.toBe(sandbox.yaml);
    writeFileSync(file, yaml);
    const before = await vendorRequests();
    const result = await run('accounts', file);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    const error = parseJson(result).error;
    expect(error.code).toBe('config_error');
    expect(error.message).toContain(`${path}: the value is not a`);
    expect(error.message).toContain('expected');
    expect(result.stdout + result.stderr).not.toContain(EVIL);
    expectNoSecrets(result);
    expect(await vendorRequests()).toEqual(before);
  });
});
