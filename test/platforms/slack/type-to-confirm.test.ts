/**
 * Type to confirm in Slack, end to end (real Bolt, signed clicks and modal
 * submissions, the fake Slack's views.open and chat.update, the Agora
 * emulator): a confirm click on a bulk plan over `bulkTypeToConfirm` rooms
 * opens a modal with the click's trigger_id; a wrong account name keeps it
 * open with the reason under the input and changes nothing; the right name
 * runs the job and the prompt shows it, from a channel or from App Home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionsBody, type OpenedModal, sign, viewSubmissionPayload } from '../../fakes/slack/index.js';
import {
  ADMIN,
  ADMIN2,
  CHANNEL,
  pendingIdOf,
  SIGNING_SECRET,
  SlackHarness,
  shown,
  VIEWER,
} from './harness.js';

const THRESHOLD = 3;
let h: SlackHarness;
beforeAll(async () => {
  h = await SlackHarness.start({ bulkTypeToConfirm: THRESHOLD });
});
afterAll(async () => h?.close());

const agora = () => h.runtime.emulators.agora;

const makeRooms = (prefix: string, n: number): string[] => h.agoraRooms(prefix, n);

const left = (rooms: string[]) => rooms.filter((r) => agora().rooms.has(r)).length;
const stateOf = async (id: string) => (await h.runtime.store.pending.get(id))?.state;
const metadataOf = (modal: OpenedModal) =>
  JSON.parse(modal.view.private_metadata ?? '') as Record<string, unknown>;
const modalOpenedWith = (triggerId: string) => h.fake.modals.some((m) => m.triggerId === triggerId);

type Button = { action_id?: string; value?: string; confirm?: unknown };
const buttons = (post: { body: Record<string, unknown> }) =>
  (post.body.blocks as { elements?: Button[] }[]).flatMap((b) => b.elements ?? []);

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A quiet moment in which a wrong answer would have arrived. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('type to confirm in Slack', () => {
  it('a confirm click on a bulk delete over the threshold opens the modal with the click’s trigger_id, saying what will happen', async () => {
    const rooms = makeRooms('big', THRESHOLD + 1);
    const prompt = await h.ask('delete agora match=big-*', ADMIN);
    const id = pendingIdOf(prompt);
    // The modal is the confirmation: no Slack "are you sure" dialog comes before it.
    expect(buttons(prompt).find((b) => b.action_id === 'room_confirm')?.confirm).toBeUndefined();
    expect(shown(prompt)).toContain('account name agora typed');

    const click = await h.click('room_confirm', id, ADMIN2);
    expect(click.status).toBe(200);
    const modal = await h.fake.waitForModal(click.triggerId);
    expect(modal.view.callback_id).toBe('bulk_type_to_confirm');
    expect(modal.view.title!.text).toBe('Confirm delete');
    expect(modal.view.submit!.text.length).toBeLessThanOrEqual(24);
    expect(modal.view.close!.text.length).toBeLessThanOrEqual(24);
    const text = JSON.stringify(modal.view.blocks);
    expect(text).toContain(`*delete* *${THRESHOLD + 1} rooms* on the account *agora*`);
    const input = modal.view.blocks.find((b) => b.type === 'input') as {
      block_id: string;
      label: { text: string };
      element: { type: string; action_id: string };
    };
    expect(input.block_id).toBe('confirm_account');
    expect(input.label.text).toContain('Type the account name: agora');
    expect(input.element).toMatchObject({ type: 'plain_text_input', action_id: 'typed' });
    expect(metadataOf(modal)).toEqual({ op: id, r: click.responseUrl, c: CHANNEL, ts: expect.any(String) });
    // Opening the modal decides nothing.
    await settle();
    expect(h.fake.postsTo(click.responseUrl)).toHaveLength(0);
    expect(await stateOf(id)).toBe('pending');
    expect(left(rooms)).toBe(rooms.length);
  });

  it('a wrong name keeps the modal open with the reason under the input; the right one runs the job and the prompt follows it', async () => {
    const rooms = makeRooms('wipe', THRESHOLD + 2);
    const prompt = await h.ask('delete agora match=wipe-*', ADMIN);
    const id = pendingIdOf(prompt);
    const { click, modal, submitted } = await h.pressTyped(id, 'agora-prod', ADMIN2);

    expect(submitted.status).toBe(200);
    expect(submitted.ackMs).toBeLessThan(3_000);
    const ack = JSON.parse(submitted.body) as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors)).toEqual(['confirm_account']);
    expect(ack.errors.confirm_account).toContain('not the account name: type agora exactly');
    await settle();
    expect(left(rooms)).toBe(rooms.length);
    expect(await stateOf(id)).toBe('pending');
    expect(h.fake.postsTo(click.responseUrl)).toHaveLength(0);
    expect(h.fake.postsTo(prompt.sent.responseUrl)).toHaveLength(1);
    const audit = await h.runtime.store.audit.query({ actor: 'slack:U0ADMIN2', limit: 20 });
    expect(audit.some((e) => e.pendingId === id && /mistyped/.test(e.detail ?? ''))).toBe(true);

    // The same modal, still open, with the name typed right (a pasted space is forgiven).
    const right = await h.submit(modal, ' agora ', ADMIN2);
    expect(right.status).toBe(200);
    expect(right.body).toBe('');
    const [rewritten] = await h.fake.waitForPosts(1, click.responseUrl);
    expect(rewritten!.status).toBe(200);
    expect(rewritten!.body.replace_original).toBe(true);
    expect(shown(rewritten!)).not.toContain('room_confirm');
    expect(shown(rewritten!)).toContain('<@U0ADMIN2>');
    const jobId = buttons(rewritten!).find((b) => b.action_id?.startsWith('job_cancel:'))?.value;
    expect(jobId).toBeDefined();
    // The job's message is the prompt: its end comes by chat.update on the prompt's channel and ts.
    const ended = () =>
      h.fake.calls.find(
        (c) => c.method === 'chat.update' && (c.form.text ?? '').startsWith(`Job ${jobId} finished`),
      );
    await waitFor(() => ended() !== undefined, 'the job’s end');
    expect(ended()!.form).toMatchObject({ channel: CHANNEL, ts: metadataOf(modal).ts });
    expect(ended()!.form.text).toContain(`${rooms.length} done, 0 failed of ${rooms.length}`);
    expect(left(rooms)).toBe(0);
    expect(await stateOf(id)).not.toBe('pending');
  });

  it('from App Home the same: the modal opens, a wrong name changes nothing, the right one runs the job and rewrites the prompt', async () => {
    const rooms = makeRooms('home', THRESHOLD + 1);
    const prompt = await h.ask('delete agora match=home-*', ADMIN);
    const id = pendingIdOf(prompt);
    const home = await h.openHome(ADMIN2);
    const homeButton = (home.view.blocks as { elements?: Button[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'room_confirm' && e.value === id);
    expect(homeButton).toBeDefined();
    expect(homeButton!.confirm).toBeUndefined();

    const viewsBefore = h.fake.views.filter((v) => v.userId === ADMIN2.id).length;
    const click = await h.sendHomeClick('room_confirm', id, ADMIN2);
    expect(click.status).toBe(200);
    const modal = await h.fake.waitForModal(click.triggerId);
    expect(metadataOf(modal)).toEqual({ op: id, home: true });

    const wrong = await h.submit(modal, 'rong', ADMIN2);
    expect(JSON.parse(wrong.body)).toMatchObject({
      response_action: 'errors',
      errors: { confirm_account: expect.stringContaining('type agora exactly') },
    });
    await settle();
    expect(await stateOf(id)).toBe('pending');
    expect(left(rooms)).toBe(rooms.length);

    const right = await h.submit(modal, 'agora', ADMIN2);
    expect(right.body).toBe('');
    const [, rewritten] = await h.fake.waitForPosts(2, prompt.sent.responseUrl);
    expect(rewritten!.body.replace_original).toBe(true);
    expect(shown(rewritten!)).not.toContain('room_confirm');
    const after = (await h.fake.waitForViews(ADMIN2.id, viewsBefore + 1)).at(-1)!;
    expect(JSON.stringify(after.view)).not.toContain(`"value":"${id}"`);
    await waitFor(() => left(rooms) === 0, 'the rooms to be deleted');
  });

  it('a viewer who may not approve is refused privately, and no modal opens', async () => {
    const rooms = makeRooms('guard', THRESHOLD + 1);
    const prompt = await h.ask('delete agora match=guard-*', ADMIN);
    const id = pendingIdOf(prompt);
    const refused = await h.press('room_confirm', id, VIEWER);
    expect(refused.body.response_type).toBe('ephemeral');
    expect(refused.body.replace_original).toBe(false);
    expect(shown(refused)).toContain('Not allowed');
    expect(modalOpenedWith(refused.sent.triggerId)).toBe(false);
    expect(await stateOf(id)).toBe('pending');
    expect(left(rooms)).toBe(rooms.length);
  });

  it('at the threshold no modal opens: the click runs as today', async () => {
    const rooms = makeRooms('few', THRESHOLD);
    const prompt = await h.ask('delete agora match=few-*', ADMIN);
    expect(buttons(prompt).find((b) => b.action_id === 'room_confirm')?.confirm).toBeDefined();
    const approved = await h.press('room_confirm', pendingIdOf(prompt), ADMIN2);
    expect(approved.body.replace_original).toBe(true);
    expect(buttons(approved).some((b) => b.action_id?.startsWith('job_cancel:'))).toBe(true);
    expect(modalOpenedWith(approved.sent.triggerId)).toBe(false);
    await waitFor(() => left(rooms) === 0, 'the rooms to be deleted');
  });

  it('when Slack will not open the modal (expired trigger), the clicker is told to click again and nothing is decided', async () => {
    const rooms = makeRooms('late', THRESHOLD + 1);
    const prompt = await h.ask('delete agora match=late-*', ADMIN);
    const id = pendingIdOf(prompt);
    h.fake.triggerLifetimeMs = 0;
    try {
      const told = await h.press('room_confirm', id, ADMIN2);
      expect(told.body.response_type).toBe('ephemeral');
      expect(told.body.replace_original).toBe(false);
      expect(shown(told)).toContain('click the button again');
      expect(modalOpenedWith(told.sent.triggerId)).toBe(false);
      expect(
        h.fake.calls.some((c) => c.method === 'views.open' && c.form.trigger_id === told.sent.triggerId),
      ).toBe(true);
    } finally {
      h.fake.triggerLifetimeMs = 3_000;
    }
    expect(await stateOf(id)).toBe('pending');
    expect(left(rooms)).toBe(rooms.length);
    expect(h.fake.postsTo(prompt.sent.responseUrl)).toHaveLength(1);
  });

  it('a bare click that reaches decide anyway is told privately to type the name; the prompt stays as it is', async () => {
    const rooms = makeRooms('bare', THRESHOLD + 1);
    const prompt = await h.ask('delete agora match=bare-*', ADMIN);
    const id = pendingIdOf(prompt);
    // The check before the modal fails (a store hiccup): the click goes to decide without a name.
    const engine = h.runtime.engine;
    const check = Object.getOwnPropertyDescriptor(engine, 'typeToConfirm');
    engine.typeToConfirm = () => Promise.reject(new Error('store hiccup'));
    try {
      const told = await h.press('room_confirm', id, ADMIN2);
      expect(told.body.response_type).toBe('ephemeral');
      expect(told.body.replace_original).toBe(false);
      expect(shown(told)).toContain('Type the account name agora');
      expect(modalOpenedWith(told.sent.triggerId)).toBe(false);
    } finally {
      if (check) Object.defineProperty(engine, 'typeToConfirm', check);
      else delete (engine as { typeToConfirm?: unknown }).typeToConfirm;
    }
    await settle();
    expect(h.fake.postsTo(prompt.sent.responseUrl)).toHaveLength(1);
    expect(await stateOf(id)).toBe('pending');
    expect(left(rooms)).toBe(rooms.length);
  });

  it('a submission by someone not allowed, or on a prompt decided meanwhile, is refused in the modal and changes nothing', async () => {
    const rooms = makeRooms('race', THRESHOLD + 1);
    const prompt = await h.ask('delete agora match=race-*', ADMIN);
    const id = pendingIdOf(prompt);
    const click = await h.click('room_confirm', id, ADMIN2);
    const modal = await h.fake.waitForModal(click.triggerId);

    const byViewer = await h.submit(modal, 'agora', VIEWER);
    expect(JSON.parse(byViewer.body)).toMatchObject({
      response_action: 'errors',
      errors: { confirm_account: expect.stringMatching(/^Not allowed/) },
    });
    expect(await stateOf(id)).toBe('pending');

    // The requester cancels while the approver's modal is open.
    const cancelled = await h.press('room_cancel', id, ADMIN);
    expect(cancelled.body.replace_original).toBe(true);
    const late = await h.submit(modal, 'agora', ADMIN2);
    expect(JSON.parse(late.body)).toMatchObject({
      response_action: 'errors',
      errors: { confirm_account: expect.stringMatching(/^Already cancelled/) },
    });
    await settle();
    expect(await stateOf(id)).toBe('cancelled');
    expect(left(rooms)).toBe(rooms.length);
    expect(h.fake.postsTo(click.responseUrl)).toHaveLength(0);
  });

  it('an empty answer, or a submission without the input’s state, asks for the name and changes nothing', async () => {
    const rooms = makeRooms('blank', THRESHOLD + 1);
    const prompt = await h.ask('delete agora match=blank-*', ADMIN);
    const id = pendingIdOf(prompt);
    const click = await h.click('room_confirm', id, ADMIN2);
    const modal = await h.fake.waitForModal(click.triggerId);
    const empty = await h.submit(modal, null, ADMIN2);
    expect(JSON.parse(empty.body)).toMatchObject({
      response_action: 'errors',
      errors: { confirm_account: 'Type the account name agora to delete 4 rooms.' },
    });
    const payload = viewSubmissionPayload(modal.view, {}, ADMIN2);
    delete (payload.view as { state?: unknown }).state;
    const signed = sign(blockActionsBody(payload), SIGNING_SECRET);
    const stateless = await h.post(signed.body, signed.headers);
    expect(stateless.status).toBe(200);
    expect(JSON.parse(stateless.text)).toMatchObject({ response_action: 'errors' });
    await settle();
    expect(await stateOf(id)).toBe('pending');
    expect(left(rooms)).toBe(rooms.length);
  });

  it('a submission whose private_metadata RoomOps did not write is refused in the modal, and nothing is decided', async () => {
    const rooms = makeRooms('meta', THRESHOLD + 1);
    const prompt = await h.ask('delete agora match=meta-*', ADMIN);
    const id = pendingIdOf(prompt);
    const click = await h.click('room_confirm', id, ADMIN2);
    const modal = await h.fake.waitForModal(click.triggerId);
    const forged = (metadata: Record<string, unknown>): OpenedModal => ({
      ...modal,
      view: { ...modal.view, private_metadata: JSON.stringify(metadata) },
    });
    for (const metadata of [
      { op: id, r: 'file:///etc/passwd' },
      { op: id, r: click.responseUrl, c: '../C0OPS' },
      { op: id, r: click.responseUrl, ts: '1.2; drop' },
      { op: `${id}/..`, home: true },
      { op: id, home: true, extra: 1 },
    ]) {
      const answer = await h.submit(forged(metadata), 'agora', ADMIN2);
      expect(JSON.parse(answer.body)).toMatchObject({
        response_action: 'errors',
        errors: { confirm_account: expect.stringContaining('can no longer be read') },
      });
    }
    await settle();
    expect(await stateOf(id)).toBe('pending');
    expect(left(rooms)).toBe(rooms.length);
  });
});

describe('the fake Slack’s views.open', () => {
  const open = async (form: Record<string, string>) => {
    const reply = await fetch(`${h.fake.apiUrl}views.open`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'Bearer xoxb-test-bot-token',
      },
      body: new URLSearchParams(form).toString(),
    });
    return (await reply.json()) as { ok: boolean; error?: string };
  };
  const view = (over: Record<string, unknown> = {}) =>
    JSON.stringify({
      type: 'modal',
      title: { type: 'plain_text', text: 'Confirm delete' },
      submit: { type: 'plain_text', text: 'Confirm' },
      blocks: [
        {
          type: 'input',
          block_id: 'confirm_account',
          label: { type: 'plain_text', text: 'Account name' },
          element: { type: 'plain_text_input', action_id: 'typed' },
        },
      ],
      ...over,
    });

  it('checks the trigger as Slack does: format, single use, expiry', async () => {
    expect(await open({ trigger_id: 'abc', view: view() })).toMatchObject({ error: 'invalid_trigger_id' });
    const trigger = h.fake.issueTrigger();
    expect(await open({ trigger_id: trigger, view: view() })).toMatchObject({ ok: true });
    expect(await open({ trigger_id: trigger, view: view() })).toMatchObject({
      error: 'exchanged_trigger_id',
    });
    h.fake.triggerLifetimeMs = 0;
    try {
      expect(await open({ trigger_id: h.fake.issueTrigger(), view: view() })).toMatchObject({
        error: 'expired_trigger_id',
      });
    } finally {
      h.fake.triggerLifetimeMs = 3_000;
    }
  });

  it('refuses a view over Slack’s limits', async () => {
    const refused = async (over: Record<string, unknown>) =>
      expect(await open({ trigger_id: h.fake.issueTrigger(), view: view(over) })).toMatchObject({
        ok: false,
        error: 'invalid_arguments',
      });
    await refused({ title: { type: 'plain_text', text: 'x'.repeat(25) } });
    await refused({ submit: undefined });
    await refused({ close: { type: 'plain_text', text: 'y'.repeat(25) } });
    await refused({ private_metadata: 'z'.repeat(3001) });
    await refused({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) });
  });
});
