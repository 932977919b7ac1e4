/**
 * A bare confirm that reaches the decision of a plan needing the account name
 * typed (a click racing the modal check, or a forged one): the engine answers
 * `mistyped`, and the Discord decision presenter tells the clicker alone
 * (an ephemeral follow-up) and leaves the prompt as it is. The real engine
 * and store; the transport is a Responder that records what it is asked.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SandboxRuntime, startSandboxRuntime } from '../../../src/app/sandbox-runtime.js';
import { createLogger } from '../../../src/core/logger.js';
import { PageState } from '../../../src/platforms/page-state.js';
import { showDecision } from '../../../src/platforms/discord/decision.js';
import type {
  DiscordInteraction,
  MessageBody,
  Responder,
} from '../../../src/platforms/discord/interaction.js';
import { ACCESS, ADMIN } from './harness.js';
import { agoraRooms } from './job-helpers.js';

let runtime: SandboxRuntime;
beforeAll(async () => {
  runtime = await startSandboxRuntime({
    access: ACCESS,
    bulkTypeToConfirm: 1,
    logger: createLogger('silent'),
  });
});
afterAll(async () => runtime?.close());

const principal = { platform: 'discord' as const, id: `discord:${ADMIN.id}`, displayName: 'ada', groups: [] };
const place = {
  platform: 'discord' as const,
  channel: 'discord:channel:1000000000000000200',
  guild: 'discord:guild:1000000000000000100',
};

it('a mistyped decision goes to the clicker alone; the prompt is not edited and the plan stays pending', async () => {
  const rooms = agoraRooms(runtime, 'race', [0, 0]);
  const asked = await runtime.engine.handle({ principal, place, text: 'delete agora match=race-*' });
  expect(asked.type).toBe('confirm');
  const pendingId = (asked as { pending: { id: string } }).pending.id;
  const outcome = await runtime.engine.decide({ pendingId, decision: 'approved', principal, place });
  expect(outcome.type).toBe('mistyped');

  const followUps: MessageBody[] = [];
  const edits: MessageBody[] = [];
  const respond: Responder = {
    initial: async () => undefined,
    editOriginal: async (body) => {
      edits.push(body);
      return undefined;
    },
    deleteOriginal: async () => undefined,
    followUp: async (body) => {
      followUps.push(body);
    },
    ignore: () => undefined,
  };
  const click: DiscordInteraction = {
    kind: 'button',
    id: '1100000000000000001',
    applicationId: '1000000000000000001',
    token: 'tok-race',
    customId: `room_confirm:${pendingId}`,
    messageId: '1100000000000000002',
    principal,
    place,
  };
  const ctx = {
    engine: runtime.engine,
    pages: new PageState(runtime.store.pages, 'discord', createLogger('silent')),
    logger: createLogger('silent'),
  };
  await showDecision(click, respond, ctx, outcome);
  expect(edits).toEqual([]);
  expect(followUps).toHaveLength(1);
  expect(followUps[0]!.flags).toBe(64);
  expect(JSON.stringify(followUps[0]!.embeds)).toContain('Type the account name agora');
  expect((await runtime.store.pending.get(pendingId))!.state).toBe('pending');
  expect(rooms.every((r) => runtime.emulators.agora.rooms.has(r))).toBe(true);
});
