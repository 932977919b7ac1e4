/**
 * Issue 9.1 through the real CLI process against `roomops sandbox`: an
 * error's context reaches `--json` whatever layer raised it. The Watchers
 * announce without announceAs used to lose its `path` (its class named the
 * key differently from iFlyChat's); now both say `field` and `path`, exit 2,
 * and send nothing. Needs the build (dist/).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson, type RunningSandbox, roomops, startSandboxProcess, tempDir } from './helpers.js';

let sandbox: RunningSandbox;
const dir = tempDir('roomops-error-context-');
const config = join(dir, 'roomops.yml');
const db = `sqlite:${join(dir, 'state.sqlite')}`;
const run = (text: string) =>
  roomops(['run', text, '--json', '--yes', '--config', config], {
    cwd: dir,
    env: { ROOMOPS_DATABASE_URL: db },
  });

/** Requests the Watchers or iFlyChat emulator has answered (its own log, control calls left out). */
async function requestsTo(vendor: 'watchers' | 'iflychat'): Promise<number> {
  const baseUrl = new RegExp(`vendor: ${vendor}\\n\\s+baseUrl: (\\S+)`).exec(sandbox.yaml)![1]!;
  const reply = (await (await fetch(`${baseUrl}/__sandbox/requests`)).json()) as {
    requests: { path: string }[];
  };
  return reply.requests.filter((r) => !r.path.startsWith('/__sandbox')).length;
}

beforeAll(async () => {
  sandbox = await startSandboxProcess(dir);
  const withoutAnnounceAs = sandbox.yaml.replace(/\n\s+announceAs: \{[^}\n]*\}/g, '');
  expect(withoutAnnounceAs).not.toBe(sandbox.yaml);
  writeFileSync(config, withoutAnnounceAs);
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('--json keeps the context of every error', () => {
  it.each([
    ['watchers', 'watch', 'announce watch concert-live "Kick-off in 5 minutes"'],
    ['iflychat', 'ifly', 'announce ifly 1 "Maintenance at noon"'],
  ] as const)(
    '%s announce without announceAs: config_error naming the path, nothing sent',
    async (vendor, account, text) => {
      const before = await requestsTo(vendor);
      const result = await run(text);
      expect(result.code, result.stdout + result.stderr).toBe(2);
      const json = parseJson(result);
      expect(json).toMatchObject({ ok: false, action: 'announce', account, vendor });
      expect(json.error).toMatchObject({
        code: 'config_error',
        path: `accounts.${account}.announceAs`,
        field: `accounts.${account}.announceAs`,
      });
      expect(json.error.message).toContain(`accounts.${account}.announceAs is not set`);
      expect(await requestsTo(vendor)).toBe(before);
    },
  );

  it('an input error raised inside a vendor client keeps field and expected', async () => {
    const result = await run('list ifly cursor=not-a-cursor');
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(parseJson(result).error).toMatchObject({
      code: 'invalid_input',
      field: 'cursor',
      expected: 'the cursor from the previous page',
    });
  });

  it('a vendor error keeps the vendor’s code, text, request id, HTTP status and operation', async () => {
    const result = await run('info rong nowhere');
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const error = parseJson(result).error;
    expect(error).toMatchObject({
      code: 'vendor_not_found',
      vendorCode: 23410,
      vendorMessage: 'chatroom not exist',
      status: 200,
      operation: 'chatroom/get.json',
    });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain(`request id ${error.requestId}`);
  });

  it('`check --json` keeps the context of an account that failed', async () => {
    const wrongKey = join(dir, 'wrong-key.yml');
    const yaml = sandbox.yaml.replace(
      /(vendor: watchers\n(?:\s+\w+: .*\n)*?\s+apiKey: )\S+/,
      '$1not-our-project',
    );
    expect(yaml).not.toBe(sandbox.yaml);
    writeFileSync(wrongKey, yaml);
    const result = await roomops(['check', '--json', '--config', wrongKey], {
      cwd: dir,
      env: { ROOMOPS_DATABASE_URL: db },
    });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const watch = parseJson(result).accounts.find((a: { name: string }) => a.name === 'watch');
    expect(watch.error).toMatchObject({
      code: 'vendor_auth',
      status: 404,
      vendorMessage: 'Project not found',
    });
    expect(result.stdout).not.toContain('not-our-project');
  });
});
