/**
 * Hostile input through the real CLI: a YAML alias bomb is a config error
 * (exit 2), credentials shorter than four characters never reach dry-run
 * output, and terminal escape sequences in a vendor's room name never reach
 * the operator's terminal. Needs the build (dist/).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import {
  type CliResult,
  parseJson,
  pool,
  roomops,
  type RunningSandbox,
  startSandboxProcess,
  tempDir,
} from './helpers.js';

const dir = tempDir('roomops-hostile-');
const cli = (args: string[], input?: string) =>
  roomops(args, { cwd: dir, env: { NO_COLOR: '1' }, ...(input !== undefined ? { input } : {}) });

describe('a YAML alias bomb', () => {
  it('is config_error with exit 2 for run and check, not internal', async () => {
    const file = join(dir, 'bomb.yml');
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'g'],
    ])
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    writeFileSync(file, `${levels.join('\n')}\naccounts: {}\n`);
    const [run, check] = (await pool(
      [
        ['run', 'accounts', '--json', '--config', file],
        ['check', '--config', file],
      ],
      2,
      (args) => cli(args),
    )) as [CliResult, CliResult];
    expect(run.code).toBe(2);
    expect(parseJson(run).error).toMatchObject({ code: 'config_error' });
    expect(parseJson(run).error.message).toMatch(/alias/i);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/alias/i);
  });
});

describe('credentials shorter than four characters', () => {
  const SHORT = {
    ifly: 'Q7z',
    watchKey: 'W3',
    watchToken: 'T4t',
    rongKey: 'R5',
    rongSecret: 'S6s',
    agora: 'A8',
  };
  const config = join(dir, 'short.yml');
  beforeAll(() => {
    writeFileSync(
      config,
      [
        'accounts:',
        '  ifly: { vendor: iflychat, baseUrl: "http://127.0.0.1:9", apiKey: Q7z }',
        '  watch: { vendor: watchers, baseUrl: "http://127.0.0.1:9", apiKey: W3, token: T4t }',
        '  rong: { vendor: rongcloud, baseUrl: "http://127.0.0.1:9", appKey: R5, appSecret: S6s }',
        '  agora: { vendor: agora, baseUrl: "http://127.0.0.1:9", orgName: org1, appName: app1, appToken: A8 }',
        '',
      ].join('\n'),
    );
  });

  it('are redacted in --dry-run output for every vendor', async () => {
    const results = await pool(
      ['list ifly', 'list watch', 'delete rong lobby', 'delete agora 12345', 'delete watch match-day'],
      2,
      (text) => cli(['run', text, '--dry-run', '--json', '--config', config]),
    );
    for (const result of results as CliResult[]) {
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const requests = JSON.stringify(parseJson(result).result.requests);
      for (const secret of Object.values(SHORT))
        expect(requests).not.toMatch(new RegExp(`(?<![A-Za-z0-9])${secret}(?![A-Za-z0-9])`));
      expect(requests).toContain('[redacted]');
    }
  });
});

describe('terminal escape sequences in vendor text', () => {
  let sandbox: RunningSandbox;
  let config: string;
  // Set the window title, clear the screen, a one-byte CSI (C1) and a carriage return.
  const HOSTILE = 'Evil\u001b]0;pwned\u0007\u001b[2J\u009b31m\rname';

  beforeAll(async () => {
    const cwd = tempDir('roomops-escapes-');
    sandbox = await startSandboxProcess(cwd);
    config = join(cwd, 'roomops.yml');
    writeFileSync(config, sandbox.yaml);
    const iflyUrl = /ifly:\n\s+vendor: iflychat\n\s+baseUrl: (\S+)/.exec(sandbox.yaml)![1]!;
    // The vendor itself holds the hostile name (RoomOps refuses control characters in commands).
    const created = await fetch(`${iflyUrl}/api/1.1/room/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        api_key: SANDBOX_CREDENTIALS.iflychat.apiKey,
        room_name: HOSTILE,
        room_role: '0',
      }),
    });
    expect(created.status).toBe(200);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('are replaced in run and shell text output; --json keeps the exact text, escaped', async () => {
    const [run, shell, json] = (await pool(
      [
        { args: ['run', 'list ifly', '--config', config] },
        { args: ['shell', '--config', config], input: 'list ifly\n' },
        { args: ['run', 'list ifly', '--json', '--config', config] },
      ],
      2,
      ({ args, input }) => cli(args, input),
    )) as [CliResult, CliResult, CliResult];
    for (const result of [run, shell]) {
      expect(result.code, result.stderr).toBe(0);
      // eslint-disable-next-line no-control-regex -- the point is that none reach the terminal.
      expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(result.stdout).toContain('Evil␛]0;pwned␇␛[2J');
    }
    expect(json.code).toBe(0);
    const names = parseJson(json).result.rooms.map((r: { name: string }) => r.name);
    expect(names).toContain(HOSTILE);
  });
});
