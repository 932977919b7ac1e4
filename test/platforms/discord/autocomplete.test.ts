/**
 * Autocomplete: `account` from the configured accounts, `room` from the
 * vendor's list or RoomOps' inventory, at most 25 choices within Discord's
 * limits (the fake rejects more), answered quickly.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { autocomplete } from '../../fakes/discord/index.js';
import { callbackData, isCallback, type Rig, startRig, VIEWER } from './harness.js';

type Choice = { name: string; value: string };
let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
  // Before any suggestion is asked for: the engine caches room lists briefly.
  const shell = {
    principal: { platform: 'shell' as const, id: 'shell:test', groups: [] },
    place: { platform: 'shell' as const },
  };
  for (let i = 0; i < 30; i++)
    await rig.runtime.engine.handle({ ...shell, text: `create rong many-${String(i).padStart(2, '0')}` });
});
afterAll(async () => rig?.close());

async function choicesFor(
  subcommand: string,
  options: Record<string, string>,
  focused: string,
): Promise<Choice[]> {
  const sent = rig.fake.sendInteraction(autocomplete(VIEWER, subcommand, options, focused));
  const calls = await rig.until(sent, (cs) => cs.some(isCallback));
  const callback = calls.find(isCallback)!;
  expect(callback.status).toBe(204);
  expect((callback.body as { type: number }).type).toBe(8);
  expect(sent.callbackAfterMs).toBeLessThan(2900);
  return callbackData(callback).choices as Choice[];
}

it('suggests accounts matching what was typed, with their vendor', async () => {
  expect(await choicesFor('list', { account: 'ag' }, 'account')).toEqual([
    { name: 'agora (agora)', value: 'agora' },
  ]);
  const all = await choicesFor('list', { account: '' }, 'account');
  expect(all.map((c) => c.value).sort()).toEqual(['agora', 'ifly', 'rong', 'watch']);
});

it('suggests rooms of the chosen account from the vendor list', async () => {
  const choices = await choicesFor('info', { account: 'agora', room: '' }, 'room');
  expect(choices.length).toBeGreaterThan(0);
  expect(choices.some((c) => c.name.includes('Town hall'))).toBe(true);
  for (const c of choices) expect(c.value).toMatch(/^\d+$/);
});

it('suggests RongCloud rooms from the inventory, filtered by the typed text', async () => {
  const choices = await choicesFor('delete', { account: 'rong', room: 'lob' }, 'room');
  expect(choices.map((c) => c.value)).toEqual(['lobby']);
});

it('caps suggestions at 25 choices', async () => {
  const choices = await choicesFor('delete', { account: 'rong', room: 'many-' }, 'room');
  expect(choices.length).toBe(25);
});

it('answers with no choices when no account is chosen yet', async () => {
  expect(await choicesFor('info', { room: 'x' }, 'room')).toEqual([]);
});
