/**
 * Nothing lost after the vendor acted, through the real `roomops` process:
 * another connection holds the SQLite write lock (BEGIN IMMEDIATE) while a
 * slow create is at the vendor. The vendor creates the room, so the answer is
 * `ok: true` with warnings, and the audit entry RoomOps could not store is
 * in the log as one `audit_write_failed` line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SandboxEmulators,
  sandboxConfigYaml,
  startSandboxEmulators,
} from '../../src/sandbox/sandbox-emulators.js';
import { untilTrue, whileStoreLocked } from '../helpers/store-lock.js';
import { type CliResult, type Json, parseJson, roomops, SANDBOX_SECRETS, tempDir } from './helpers.js';

let emulators: SandboxEmulators;
beforeAll(async () => {
  emulators = await startSandboxEmulators();
});
afterAll(async () => emulators?.stop());

/**
 * Runs `command` in a directory whose config stores in `store.db` there,
 * with a create slow enough at the vendor that another connection takes the
 * store's write lock meanwhile; resolves with the run and the store file.
 */
async function runWhileLocked(command: string[]): Promise<{ result: CliResult; file: string }> {
  const cwd = tempDir('roomops-store-busy-');
  const file = join(cwd, 'store.db');
  writeFileSync(
    join(cwd, 'roomops.yml'),
    `${sandboxConfigYaml(emulators.urls)}storage:\n  url: "sqlite:store.db"\n  timeoutMs: 400\n`,
  );
  // The create waits at the vendor long enough to take the lock meanwhile.
  emulators.rongcloud.server.injectFault({
    kind: 'delay',
    path: '/chatroom/create_new.json',
    delayMs: 1_000,
  });
  const run = roomops(command, { cwd });
  await untilTrue(() => emulators.rongcloud.server.faults.length === 0, 'the create to reach the vendor');
  return { result: await whileStoreLocked(file, () => run), file };
}

/** pino's JSON lines on stderr. */
function logLines(stderr: string): Json[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Json);
}

describe('a store locked by another process during a create', () => {
  it('answers ok with warnings, the room exists at the vendor, the audit entry is in the log', async () => {
    const { result, file } = await runWhileLocked([
      'run',
      'create rong locked-1 destroyType=1 destroyTime=120',
      '--json',
    ]);

    expect(result.code).toBe(0);
    const json = parseJson(result);
    expect(json.ok).toBe(true);
    expect(json.result.room.id).toBe('locked-1');
    expect(emulators.rongcloud.rooms.has('locked-1')).toBe(true);
    const warnings = json.warnings as string[];
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /could not record room locked-1 in its inventory: the store is busy \(error id [0-9a-f]{8}\)/,
    );
    expect(warnings[1]).toMatch(
      /Not in the audit log: the store is busy; .* audit_write_failed \(error id [0-9a-f]{8}\)/,
    );
    expect(result.stdout).not.toMatch(/database is locked|SQLITE_BUSY/);

    const lines = logLines(result.stderr);
    const audit = lines.find((l) => l.msg === 'audit_write_failed');
    expect(audit).toMatchObject({
      event: 'audit_write_failed',
      entry: {
        actor: expect.stringMatching(/^shell:/),
        account: 'rong',
        action: 'create',
        rooms: ['locked-1'],
        outcome: 'ok',
      },
    });
    expect(warnings[1]).toContain(audit!.errorId as string);
    const inventory = lines.find((l) => l.msg === 'store_write_failed');
    expect(warnings[0]).toContain(inventory!.errorId as string);
    for (const secret of SANDBOX_SECRETS) expect(result.stdout + result.stderr).not.toContain(secret);

    // What the warnings say is true: the store has neither the room nor the entry.
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      expect(
        db.prepare("select count(*) as n from inventory_rooms where room_id = 'locked-1'").get(),
      ).toEqual({ n: 0 });
      expect(db.prepare("select count(*) as n from audit_log where action = 'create'").get()).toEqual({
        n: 0,
      });
    } finally {
      db.close();
    }
  });

  it('shows the warnings in the text output too', async () => {
    const { result } = await runWhileLocked(['run', 'create rong locked-2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('locked-2');
    expect(result.stdout).toMatch(/⚠ Warning: .*could not record room locked-2 in its inventory/);
    expect(result.stdout).toMatch(/⚠ Warning: Not in the audit log/);
  });
});
