/**
 * What the Discord job tests of both transports share: Agora rooms with slow
 * deletes, the custom ids of a message's buttons, and the fake Discord's
 * record of a job's message (its report edits, the job behind a button).
 */
import { expect } from 'vitest';
import type { SandboxRuntime } from '../../../src/app/sandbox-runtime.js';
import type { FakeDiscord, RecordedCall } from '../../fakes/discord/index.js';
import { embedText } from './harness.js';

type Json = Record<string, unknown>;

/** Agora rooms named `<prefix>-<i>`; a DELETE of room i waits `delays[i]` ms in the emulator. */
export function agoraRooms(runtime: SandboxRuntime, prefix: string, delays: number[]): string[] {
  const agora = runtime.emulators.agora;
  return delays.map((delayMs, i) => {
    const id = agora.state.createRoom({
      name: `${prefix}-${i}`,
      description: 'discord jobs test',
      owner: 'alice',
      members: [],
      maxusers: 100,
      custom: '',
    }).id;
    if (delayMs > 0) agora.server.injectFault({ kind: 'delay', delayMs, path: `/chatrooms/${id}` });
    return id;
  });
}

/** The custom ids of every button in these action rows. */
export const customIds = (components: unknown): string[] =>
  ((components as Json[] | undefined) ?? []).flatMap((row) =>
    ((row.components as Json[] | undefined) ?? []).map((b) => String(b.custom_id)),
  );

/** Every accepted edit that shows a job's report (its progress or its end), by webhook or bot token. */
export const reportEdits = (fake: FakeDiscord, jobId: string): RecordedCall[] =>
  fake.calls.filter(
    (c) =>
      c.method === 'PATCH' &&
      c.status === 200 &&
      new RegExp(`Job ${jobId} (running|finished|was)`).test(embedText(c.body as Json)),
  );

/** Waits for the edit that shows how the job ended, and returns it. */
export async function endOf(fake: FakeDiscord, jobId: string): Promise<RecordedCall> {
  await fake.waitFor(
    () => reportEdits(fake, jobId).some((c) => /Job \S+ (finished|was)/.test(embedText(c.body as Json))),
    20_000,
  );
  return reportEdits(fake, jobId).at(-1)!;
}

/** The job behind the message's `job_<control>:` button, once it has one. */
export async function jobOn(fake: FakeDiscord, messageId: string, control: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(() => {
      id = customIds(fake.messages.byId.get(messageId)!.components)
        .find((c) => c.startsWith(`job_${control}:`))
        ?.slice(`job_${control}:`.length);
      return id;
    })
    .toMatch(/^j_[\w-]{16}$/);
  return id!;
}
