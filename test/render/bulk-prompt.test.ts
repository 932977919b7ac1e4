/**
 * A bulk plan's prompt stays readable however many rooms it holds: the
 * first ten, then how many more (never a thousand ids), within Slack's and
 * Discord's limits; above `bulkTypeToConfirm` it says the account name will
 * be asked for, and the Slack button opens no confirm dialog of its own
 * (the modal is the confirmation).
 */
import { describe, expect, it } from 'vitest';
import type { ConfirmOutcome } from '../../src/core/outcome.js';
import { renderPages as discord } from '../../src/render/discord/index.js';
import { renderPages as slack } from '../../src/render/slack/index.js';
import { toView } from '../../src/render/to-view.js';
import type { PendingAction } from '../../src/store/types.js';
import { messageProblems } from '../fakes/discord/limits.js';
import { validateMessage } from '../fakes/slack/index.js';

const rooms = Array.from({ length: 1000 }, (_, i) => `test-${i}`);
const pending: PendingAction = {
  id: 'QnVsa1Byb21wdEV4YW1wbGUx',
  state: 'pending',
  createdAt: new Date('2026-12-01T10:00:00Z'),
  expiresAt: new Date('2026-12-01T10:05:00Z'),
  requester: 'slack:U0ADMIN001',
  platform: 'slack',
  channel: 'slack:C0OPS',
  account: 'agora-prod',
  action: 'delete',
  kind: 'destructive',
  invocation: {
    action: 'delete',
    positionals: ['agora-prod'],
    options: { match: 'test-*' },
    flags: [],
    text: '',
  },
  description: 'Delete on 1000 rooms of agora-prod selected by match=test-*: test-0, … and 990 more.',
  rooms,
};
const prompt = (typed: boolean): ConfirmOutcome => ({
  type: 'confirm',
  action: 'delete',
  account: 'agora-prod',
  vendor: 'agora',
  kind: 'destructive',
  visibility: 'public',
  pending,
  confirmLabel: 'Delete',
  ...(typed ? { typeToConfirm: 'agora-prod' } : {}),
});

type Json = Record<string, unknown>;
const buttons = (blocks: unknown[]) =>
  (blocks as Json[])
    .flatMap((b) => (b.elements as Json[] | undefined) ?? [])
    .filter((e) => e.type === 'button');

describe('a bulk prompt', () => {
  it('lists the first ten rooms and counts the rest', () => {
    const view = toView(prompt(true));
    const fact = view.facts.find((f) => f.label === 'Rooms');
    expect(fact?.value).toBe(`${rooms.slice(0, 10).join(', ')} … and 990 more`);
    expect(view.confirm?.question).toContain('… and 990 more');
  });

  it('says the account name will be asked for, and Slack shows no confirm dialog before the modal', () => {
    const typed = toView(prompt(true));
    expect(typed.notes.join(' ')).toContain('the account name agora-prod typed');
    const [message] = slack(typed);
    const [confirm] = buttons(message!.blocks);
    expect(confirm).toMatchObject({ action_id: 'room_confirm', value: pending.id });
    expect(confirm).not.toHaveProperty('confirm');

    const [plain] = slack(toView(prompt(false)));
    expect(buttons(plain!.blocks)[0]).toHaveProperty('confirm');
    expect(toView(prompt(false)).notes.join(' ')).not.toContain('typed');
  });

  it('fits Slack and Discord', () => {
    const view = toView(prompt(true));
    for (const message of slack(view))
      expect(validateMessage({ text: 'x', blocks: message.blocks })).toEqual([]);
    for (const embed of discord(view)) expect(messageProblems({ embeds: [embed] })).toEqual([]);
  });
});
