/**
 * `roomops shell` with stdin piped (not a TTY): one command per line, a typed
 * "yes" confirms a destructive command, anything else cancels it, and the
 * shell exits at end of input. Needs the build (dist/).
 */
import { describe, expect, it } from 'vitest';
import { roomops, SANDBOX_SECRETS, tempDir } from './helpers.js';

const dir = tempDir();
/** Each shell is a fresh sandbox with its own temporary store. */
const shell = (lines: string[]) =>
  roomops(['shell'], { cwd: dir, input: `${lines.join('\n')}\n`, env: { NO_COLOR: '1' } });

describe('roomops shell (stdin not a terminal)', () => {
  it('runs several commands, one per line; "yes" confirms, "no" cancels; exits at end of input', async () => {
    const result = await shell([
      'accounts',
      'list agora',
      'delete rong lobby',
      'no',
      'info rong lobby',
      'delete rong support-1',
      'yes',
      'info rong support-1',
      'audit action=delete',
    ]);
    const out = result.stdout;
    expect(typeof result.code).toBe('number');
    // No banner and no prompts when not interactive; no colour with NO_COLOR.
    expect(out).not.toContain('roomops>');
    expect(out).not.toContain('\u001b[');
    // accounts and list ran.
    expect(out).toContain('agora');
    expect(out).toContain('Town hall');
    // The cancelled delete sent nothing: lobby is still there afterwards.
    const cancelledAt = out.indexOf('Delete room lobby on rong.');
    expect(cancelledAt).toBeGreaterThanOrEqual(0);
    const afterCancel = out.slice(
      out.indexOf('Cancelled: nothing was sent.', cancelledAt),
      out.indexOf('Delete room support-1 on rong.'),
    );
    expect(afterCancel).toMatch(/^Cancelled: nothing was sent\./);
    // `info rong lobby` after the cancel still finds the room at the vendor.
    expect(afterCancel).toContain('1 room on rong');
    expect(afterCancel).toMatch(/│ lobby +│/);
    expect(afterCancel).not.toMatch(/not found|no such chatroom/i);
    // The confirmed delete ran, and the room is gone at the vendor.
    const afterYes = out.slice(out.indexOf('Delete room support-1 on rong.'));
    expect(afterYes).toMatch(/Deleted 1 room on rong: support-1/);
    expect(afterYes).toMatch(/vendor_not_found|no such chatroom/);
    // One failure (the info on the deleted room) and one cancellation: not a clean exit.
    expect(result.code).toBe(1);
    for (const secret of SANDBOX_SECRETS) expect(out + result.stderr).not.toContain(secret);
  });

  it('"exit" ends the session; a prompt left unanswered at end of input cancels; a clean run exits 0', async () => {
    const [clean, unanswered] = await Promise.all([
      shell(['help', 'list ifly', 'exit', 'delete ifly 1', 'yes']),
      shell(['kick agora 212126098587649 bob']),
    ]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('Lobby');
    expect(clean.stdout).not.toContain('Type yes to go ahead');
    expect(unanswered.stdout).toContain('Kick bob from 212126098587649 on agora.');
    expect(unanswered.stdout).toContain('Cancelled: nothing was sent.');
    expect(unanswered.stdout).not.toMatch(/Kicked/);
  });

  it('a plan over bulkTypeToConfirm rooms asks for the account name: "yes" does not confirm it, the name does', async () => {
    const creates = Array.from({ length: 11 }, (_, i) => `create agora "bulk ${i}" owner=alice`);
    const result = await shell([
      ...creates,
      'delete agora match=bulk*',
      'yes',
      'list agora',
      'delete agora match=bulk*',
      'agora',
    ]);
    const out = result.stdout;
    const first = out.indexOf('Type the account name agora to go ahead:');
    expect(first).toBeGreaterThanOrEqual(0);
    const afterYes = out.slice(first, out.indexOf('Type the account name agora to go ahead:', first + 1));
    expect(afterYes).toContain('Cancelled: nothing was sent.');
    expect(afterYes).toContain('bulk 10');
    expect(out.slice(out.lastIndexOf('Type the account name agora'))).toMatch(
      /Job j_[\w-]+ started: delete on 11 rooms of agora selected by match=bulk\*/,
    );
    expect(out).not.toContain('Type yes to go ahead');
  });
});
