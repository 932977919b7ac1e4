/**
 * DESIGN.md "CLI": options may come before or after the sub-command, for every
 * option and every sub-command. Needs the build (dist/).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, parseJson, pool, roomops, tempDir } from './helpers.js';

const dir = tempDir('roomops-order-');
const cli = (args: string[]) => roomops(args, { cwd: dir, env: { NO_COLOR: '1' } });

describe('options before the sub-command', () => {
  it('run: --json --yes --dry-run before `run` act as after it', async () => {
    const [deleted, dryRun, notConfirmed, mixed] = (await pool(
      [
        ['--json', '--yes', 'run', 'delete rong support-1'],
        ['--dry-run', '--json', 'run', 'delete rong support-1'],
        ['--json', 'run', 'delete rong support-1'],
        ['--json', 'run', '--yes', 'delete rong support-1'],
      ],
      2,
      (args) => cli(args),
    )) as [CliResult, CliResult, CliResult, CliResult];
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(parseJson(deleted)).toMatchObject({ ok: true, result: { deleted: ['support-1'] } });
    expect(dryRun.code).toBe(0);
    expect(parseJson(dryRun)).toMatchObject({ ok: true, result: { dryRun: true } });
    expect(notConfirmed.code).toBe(3);
    expect(parseJson(notConfirmed).error.code).toBe('not_confirmed');
    expect(mixed.code).toBe(0);
  });

  it('--config before `run` (and its value) is honoured together with sub-command options', async () => {
    const file = join(dir, 'broken.yml');
    writeFileSync(file, 'accounts:\n  x:\n    vendor: nowhere\n');
    const result = await cli(['--json', '--yes', '--config', file, 'run', 'accounts']);
    expect(result.code).toBe(2);
    expect(parseJson(result).error.code).toBe('config_error');
    expect(parseJson(result).error.message).toContain('accounts.x.vendor');
  });

  it('check --json and discord-register --guild work before the sub-command too', async () => {
    const [check, register] = (await pool(
      [
        ['--json', 'check'],
        ['--guild', '600000000000000003', 'discord-register'],
      ],
      2,
      (args) => cli(args),
    )) as [CliResult, CliResult];
    expect(check.code).toBe(0);
    expect(parseJson(check)).toMatchObject({ ok: true, action: 'check' });
    // Reaches the sub-command (which then wants the Discord credentials), not commander's option error.
    expect(register.stderr).not.toContain('unknown option');
    expect(register.stderr).toContain('DISCORD_TOKEN');
  });

  it('an option no sub-command has is still a usage error (exit 2)', async () => {
    const result = await cli(['--bogus', 'run', 'accounts']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--bogus');
  });
});
