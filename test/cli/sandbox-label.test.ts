/**
 * DESIGN.md "The sandbox is always labelled": every answer the built-in
 * sandbox serves says so (one stderr line for `run` and `check`, the banner
 * on stderr for a piped shell, `"sandbox": true` in `--json`), and the
 * sandbox never opens ROOMOPS_DATABASE_URL: its store is a temporary SQLite
 * file that is gone after exit. Needs the build (dist/).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, roomops, tempDir } from './helpers.js';

const NOTICE = /^RoomOps sandbox: .*nothing here touches a real vendor/m;

/** A private TMPDIR per call, so the test sees exactly the temporary files that process made. */
function sandboxCall(args: string[], input?: string) {
  const dir = tempDir('roomops-label-');
  const tmp = tempDir('roomops-label-tmp-');
  const forbiddenDb = join(dir, 'must-not-be-created.sqlite');
  return roomops(args, {
    cwd: dir,
    env: { TMPDIR: tmp, ROOMOPS_DATABASE_URL: `sqlite:${forbiddenDb}`, NO_COLOR: '1' },
    ...(input !== undefined ? { input } : {}),
  }).then((result) => ({ ...result, dir, tmp, forbiddenDb }));
}

describe('the sandbox is labelled and keeps to its own temporary store', () => {
  it('run --json: "sandbox": true in the JSON, one notice line on stderr, ROOMOPS_DATABASE_URL untouched, no temp file left', async () => {
    const result = await sandboxCall(['run', 'delete rong support-1', '--json', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    const json = parseJson(result);
    expect(json).toMatchObject({
      ok: true,
      action: 'delete',
      sandbox: true,
      result: { deleted: ['support-1'] },
    });
    expect(result.stderr.match(new RegExp(NOTICE, 'gm'))).toHaveLength(1);
    expect(existsSync(result.forbiddenDb)).toBe(false);
    expect(readdirSync(result.tmp)).toEqual([]);
  });

  it('run without --json: the notice on stderr, the answer on stdout', async () => {
    const result = await sandboxCall(['run', 'list agora']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(NOTICE);
    expect(result.stdout).not.toMatch(NOTICE);
    expect(result.stdout).toContain('Town hall');
    expect(existsSync(result.forbiddenDb)).toBe(false);
  });

  it('a failing sandbox run is labelled too (a cron job with no config cannot mistake it for a real vendor)', async () => {
    const result = await sandboxCall(['run', 'info agora 999999', '--json']);
    expect(result.code).toBe(1);
    expect(parseJson(result)).toMatchObject({ ok: false, sandbox: true });
    expect(result.stderr).toMatch(NOTICE);
  });

  it('a piped shell prints the label on stderr and keeps stdout to the answers', async () => {
    const result = await sandboxCall(['shell'], 'list ifly\n');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(NOTICE);
    expect(result.stdout).not.toMatch(NOTICE);
    expect(result.stdout).toContain('Lobby');
    expect(existsSync(result.forbiddenDb)).toBe(false);
    expect(readdirSync(result.tmp)).toEqual([]);
  });

  it('check --json in the sandbox says so', async () => {
    const result = await sandboxCall(['check', '--json']);
    expect(result.code).toBe(0);
    expect(parseJson(result)).toMatchObject({ ok: true, action: 'check', sandbox: true });
    expect(result.stderr).toMatch(NOTICE);
  });

  it('the sandbox works even when ROOMOPS_DATABASE_URL names a PostgreSQL server that is not there', async () => {
    const dir = tempDir('roomops-label-');
    const result = await roomops(['run', 'accounts', '--json'], {
      cwd: dir,
      env: { ROOMOPS_DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none' },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(parseJson(result)).toMatchObject({ ok: true, sandbox: true });
  });
});
