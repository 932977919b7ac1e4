/**
 * A storage URL with an unencoded password never reaches the terminal: the
 * real `roomops` process, the URL from ROOMOPS_DATABASE_URL and from
 * `storage.url`, in text and `--json` output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, roomops, tempDir } from './helpers.js';

const PASSWORDS = ['123#Secret', '123/Secret', '123?Secret', '77?a#b/c@Secret'];

function configDir(storageUrl?: string): string {
  const dir = tempDir('roomops-store-url-');
  const storage = storageUrl === undefined ? '' : `storage:\n  url: ${JSON.stringify(storageUrl)}\n`;
  writeFileSync(
    join(dir, 'roomops.yml'),
    `accounts:\n  ifly:\n    vendor: iflychat\n    baseUrl: http://127.0.0.1:9\n    apiKey: not-used-here\n${storage}`,
  );
  return dir;
}

describe('storage URL passwords in CLI output', () => {
  it.each(PASSWORDS)(
    'ROOMOPS_DATABASE_URL with password %j: config_error, password hidden',
    async (password) => {
      const url = `postgres://alice:${password}@127.0.0.1:9/roomops`;
      const cwd = configDir();
      for (const json of [true, false]) {
        const result = await roomops(['run', 'list ifly', ...(json ? ['--json'] : [])], {
          cwd,
          env: { ROOMOPS_DATABASE_URL: url },
        });
        expect(result.code).toBe(2);
        const output = result.stdout + result.stderr;
        expect(output).toContain('storage.url');
        expect(output).not.toContain('Secret');
        if (json) expect(parseJson(result).error.code).toBe('config_error');
      }
    },
  );

  it('an unreachable store: internal with an error id; the driver reason only in the log', async () => {
    const password = encodeURIComponent('123#Se/cret?');
    const cwd = configDir(`postgres://alice:${password}@127.0.0.1:9/roomops`);
    const result = await roomops(['run', 'list ifly', '--json'], { cwd });
    expect(result.code).toBe(1);
    const error = parseJson(result).error as { code: string; message: string };
    expect(error.code).toBe('internal');
    const id = /\(error id ([0-9a-f]{8})\)$/.exec(error.message)?.[1];
    expect(id).toBeDefined();
    expect(error.message).toContain('storage.url postgres://alice:***@127.0.0.1:9/roomops');
    expect(error.message).not.toContain('connect ECONNREFUSED');
    const logged = result.stderr.split('\n').find((line) => line.includes(`"errorId":"${id}"`));
    expect(logged).toContain('connect ECONNREFUSED');
    expect(result.stdout + result.stderr).not.toMatch(/Se\/cret|Se%2Fcret/);
  });

  it.each(PASSWORDS)('storage.url with password %j: config_error, password hidden', async (password) => {
    const cwd = configDir(`postgres://alice:${password}@127.0.0.1:9/roomops`);
    const result = await roomops(['run', 'list ifly', '--json'], { cwd });
    expect(result.code).toBe(2);
    expect(parseJson(result).error.code).toBe('config_error');
    expect(result.stdout + result.stderr).not.toContain('Secret');
  });
});
