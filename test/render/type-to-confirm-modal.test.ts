/**
 * The Slack type-to-confirm modal stays within what Slack's views.open
 * accepts (the fake Slack's own checks: title, submit and close ≤ 24
 * characters, submit with an input block, private_metadata ≤ 3000) whatever
 * the action, account name and metadata, and its private_metadata round-trips
 * through the checks the submission applies.
 */
import { describe, expect, it } from 'vitest';
import { typeToConfirmModal } from '../../src/render/slack/type-to-confirm-modal.js';
import { decodeModalMetadata, encodeModalMetadata } from '../../src/platforms/slack/modal-metadata.js';
import { typeToConfirmExample } from '../../scripts/screens/examples.js';
import { modalProblems } from '../fakes/slack/index.js';

const typing = (over: Partial<Parameters<typeof typeToConfirmModal>[0]> = {}) => ({
  pendingId: 'Q2xhc3NpY0V4YW1wbGVJZDAx',
  expected: 'agora-prod',
  action: 'delete',
  rooms: 42,
  ...over,
});
const asOpened = (view: ReturnType<typeof typeToConfirmModal>) => ({ ...view, id: 'V1' }) as never;

describe('the type-to-confirm modal', () => {
  it('the docs example is a modal Slack opens', () => {
    expect(modalProblems(asOpened(typeToConfirmExample() as ReturnType<typeof typeToConfirmModal>))).toEqual(
      [],
    );
  });

  it('stays within Slack’s limits with a long action and account name full of markup', () => {
    const view = typeToConfirmModal(
      typing({ action: 'keepalive-and-a-very-long-action', expected: `<!channel>&${'x'.repeat(400)}` }),
      '{}',
    );
    expect(modalProblems(asOpened(view))).toEqual([]);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.stringify(view.blocks)).not.toContain('<!channel>');
  });

  it('refuses metadata longer than Slack carries', () => {
    expect(() => typeToConfirmModal(typing(), 'x'.repeat(3001))).toThrow(RangeError);
  });

  it('carries a channel prompt or App Home and reads back only what it wrote', () => {
    const place = {
      at: 'prompt' as const,
      responseUrl: 'https://hooks.slack.com/actions/T1/2/abc',
      channel: 'C0OPS',
      ts: '1700000000.000100',
    };
    const prompt = encodeModalMetadata({ pendingId: 'op-1', place });
    expect(decodeModalMetadata(prompt)).toEqual({ pendingId: 'op-1', place });
    const home = encodeModalMetadata({ pendingId: 'op-2', place: { at: 'home' } });
    expect(decodeModalMetadata(home)).toEqual({ pendingId: 'op-2', place: { at: 'home' } });
    // A malformed channel or ts is left out, never carried.
    const odd = encodeModalMetadata({ pendingId: 'op-3', place: { ...place, channel: 'c0ops', ts: 'now' } });
    expect(decodeModalMetadata(odd)).toEqual({
      pendingId: 'op-3',
      place: { at: 'prompt', responseUrl: place.responseUrl },
    });
    for (const raw of [undefined, '', 'not json', '[]', 'x'.repeat(3001), '{"op":"a b","home":true}'])
      expect(decodeModalMetadata(raw)).toBeUndefined();
    expect(() =>
      encodeModalMetadata({
        pendingId: 'op-4',
        place: { at: 'prompt', responseUrl: `https://a/${'x'.repeat(2100)}` },
      }),
    ).toThrow(RangeError);
  });
});
