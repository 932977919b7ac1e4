/**
 * One example of each kind of answer, built by the real renderers from fixed
 * data, so docs/screens.md (scripts/build-screens.ts) and its test show
 * exactly what users will see: list, info, prompt, decided prompt, error,
 * partial failure, job progress, the App Home and the type-to-confirm modal.
 */
import type { APIEmbed } from 'discord.js';
import type { HomeData } from '../../src/core/home.js';
import type { DecisionOutcome, Outcome } from '../../src/core/outcome.js';
import { confirmRow, renderPages as discordPages, type ButtonRow } from '../../src/render/discord/index.js';
import { jobProgressView } from '../../commands/shared/job-view.js';
import { renderHome } from '../../src/render/slack/home.js';
import { typeToConfirmModal } from '../../src/render/slack/type-to-confirm-modal.js';
import { encodeModalMetadata } from '../../src/platforms/slack/modal-metadata.js';
import { renderPages as slackPages } from '../../src/render/slack/index.js';
import { renderText } from '../../src/render/text.js';
import { decisionView, toView } from '../../src/render/to-view.js';
import type { View } from '../../src/view/view.js';
import type { PendingAction } from '../../src/store/types.js';
import { del } from '../../commands/delete.js';
import { list as listCommand } from '../../commands/list.js';
import { roomView } from '../../commands/shared/room-view.js';

/** The moment every example is rendered at. */
export const EXAMPLE_NOW = new Date('2026-12-01T12:00:00Z');
const at = (minutes: number) => new Date(EXAMPLE_NOW.getTime() + minutes * 60_000);

export interface Example {
  kind: string;
  title: string;
  /** Slack: a message's blocks, the Home view, or a modal (with its title and buttons). */
  slack: {
    blocks: unknown[];
    type?: 'home' | 'modal';
    fallbackBlocks?: unknown[];
    title?: { text: string };
    submit?: { text: string };
    close?: { text: string };
  };
  /** Discord: the message body RoomOps sends. */
  discord?: { embeds: APIEmbed[]; components: ButtonRow[]; allowed_mentions: { parse: [] } };
  /** The terminal's rendering (`roomops run`, the shell). */
  text?: string;
}

const pending = (platform: 'slack' | 'discord'): PendingAction => ({
  id: 'Q2xhc3NpY0V4YW1wbGVJZDAx',
  state: 'pending',
  createdAt: at(0),
  expiresAt: at(5),
  requester: platform === 'slack' ? 'slack:U0ADMIN001' : 'discord:400000000000000001',
  requesterName: 'ada',
  platform,
  channel: platform === 'slack' ? 'slack:C0OPS' : 'discord:channel:600000000000000004',
  account: 'rong-prod',
  action: 'delete',
  kind: 'destructive',
  invocation: { action: 'delete', positionals: ['rong-prod', 'lobby-42'], options: {}, flags: [], text: '' },
  description:
    'Delete room lobby-42 on rong-prod (RongCloud). Everyone in it is removed; this cannot be undone.',
  rooms: ['lobby-42'],
});

const base = { account: 'rong-prod', vendor: 'rongcloud' as const, visibility: 'private' as const };

function outcomes(platform: 'slack' | 'discord'): { kind: string; title: string; view: View }[] {
  const rooms = {
    source: 'inventory',
    rooms: [
      { id: 'lobby-42', name: 'Lobby', source: 'inventory' },
      { id: 'launch', name: 'Launch <party> & friends', source: 'inventory' },
      { id: 'café', name: 'Café ☕', source: 'inventory' },
      { id: 'support-1', name: 'Support', source: 'inventory' },
    ],
  };
  const list: Outcome = {
    ...base,
    type: 'result',
    action: 'list',
    kind: 'read',
    summary: '4 rooms on rong-prod',
    result: rooms,
    view: listCommand.view(rooms),
  };
  const room = {
    room: { id: 'lobby-42', chatroomId: 'lobby-42', memberCount: 12, destroyType: 0, ban: false },
  };
  const info: Outcome = {
    ...base,
    type: 'result',
    action: 'info',
    kind: 'read',
    summary: 'Room lobby-42 on rong-prod',
    requestId: 'a1b2c3d4',
    result: room,
    view: roomView(room),
  };
  const prompt: Outcome = {
    ...base,
    type: 'confirm',
    action: 'delete',
    kind: 'destructive',
    visibility: 'public',
    pending: pending(platform),
    confirmLabel: 'Delete',
  };
  const approver = platform === 'slack' ? 'slack:U0ADMIN002' : 'discord:400000000000000002';
  const decided: DecisionOutcome = {
    type: 'decided',
    decision: 'approved',
    pending: {
      ...pending(platform),
      state: 'done',
      decidedBy: approver,
      decidedByName: 'grace',
      decidedAt: at(2),
    },
    by: approver,
    byName: 'grace',
    outcome: {
      ...base,
      type: 'result',
      action: 'delete',
      kind: 'destructive',
      visibility: 'public',
      summary: 'Deleted 1 room on rong-prod: lobby-42',
      result: { deleted: ['lobby-42'] },
      view: del.view({ deleted: ['lobby-42'] }),
    },
  };
  const error: Outcome = {
    ...base,
    type: 'error',
    action: 'create',
    kind: 'write',
    error: {
      code: 'invalid_input',
      message: 'destroyTime: expected a whole number of minutes from 60 to 10080, got "soon".',
      field: 'destroyTime',
      usage: 'create <account> <room id> [destroyType=0|1 destroyTime=N isBan=… whiteUserIds=…]',
    },
  };
  const partial: Outcome = {
    ...base,
    type: 'error',
    action: 'delete',
    kind: 'destructive',
    error: {
      code: 'partial',
      message: '2 of 3 rooms deleted; 1 failed.',
      items: [
        { id: 'room-a', ok: true },
        { id: 'room-b', ok: true },
        { id: 'room-c', ok: false, code: 'vendor_not_found', message: 'RongCloud 1004: chatroom not exist' },
      ],
    },
  };
  const job = jobProgressView({
    id: 'job-7f3a',
    action: 'delete',
    account: 'agora-prod',
    state: 'running',
    runAt: at(-3),
    total: 42,
    done: 30,
    failed: 2,
  });
  return [
    { kind: 'list', title: 'A room list', view: toView(list) },
    { kind: 'info', title: 'One room in detail', view: toView(info) },
    { kind: 'prompt', title: 'A confirmation prompt', view: toView(prompt) },
    { kind: 'decided', title: 'The prompt after approval', view: decisionView(decided) },
    { kind: 'error', title: 'An input error', view: toView(error) },
    { kind: 'partial', title: 'A partial failure', view: toView(partial) },
    { kind: 'job', title: 'Job progress', view: job },
  ];
}

export function homeExample(): HomeData {
  return {
    accounts: [
      {
        name: 'rong-prod',
        vendorName: 'RongCloud',
        actions: ['create', 'list', 'info', 'update', 'delete', 'mute', 'keepalive', 'members', 'kick'],
      },
      {
        name: 'agora-prod',
        vendorName: 'Agora Chat',
        actions: ['create', 'list', 'info', 'update', 'delete', 'mute', 'announce', 'members', 'kick'],
      },
    ],
    pending: [{ pending: pending('slack'), confirmLabel: 'Delete', canApprove: true, canCancel: true }],
    jobs: [
      {
        id: 'job-7f3a',
        action: 'delete',
        account: 'agora-prod',
        state: 'running',
        runAt: at(-3),
        total: 42,
        done: 30,
        failed: 2,
      },
      {
        id: 'job-81c0',
        action: 'mute',
        account: 'rong-prod',
        state: 'scheduled',
        runAt: at(90),
        total: 5,
        done: 0,
        failed: 0,
      },
    ],
    audit: [
      {
        at: at(-1),
        actor: 'slack:U0ADMIN002',
        platform: 'slack',
        account: 'rong-prod',
        action: 'list',
        args: {},
        rooms: [],
        outcome: 'ok',
      },
      {
        at: at(-20),
        actor: 'slack:U0ADMIN002',
        platform: 'slack',
        account: 'rong-prod',
        action: 'delete',
        args: {},
        rooms: ['old-1'],
        outcome: 'ok',
        decidedBy: 'slack:U0ADMIN002',
      },
    ],
  };
}

/** The modal a confirm click on a 42-room bulk delete opens (more than `bulkTypeToConfirm`). */
export function typeToConfirmExample(): Example['slack'] {
  const metadata = encodeModalMetadata({
    pendingId: 'Q2xhc3NpY0V4YW1wbGVJZDAx',
    place: {
      at: 'prompt',
      responseUrl: 'https://hooks.slack.com/actions/T0EXAMPLE/1796126400/ExampleResponseUrl',
      channel: 'C0OPS',
      ts: '1796126400.000100',
    },
  });
  return typeToConfirmModal(
    { pendingId: 'Q2xhc3NpY0V4YW1wbGVJZDAx', expected: 'agora-prod', action: 'delete', rooms: 42 },
    metadata,
  );
}

export function examples(): Example[] {
  const discord = outcomes('discord');
  const all = outcomes('slack').map((o, i): Example => {
    const dview = discord[i]!.view;
    return {
      kind: o.kind,
      title: o.title,
      slack: slackPages(o.view)[0]!,
      discord: {
        embeds: discordPages(dview).slice(0, 1),
        components: dview.confirm ? [confirmRow(dview.confirm)] : [],
        allowed_mentions: { parse: [] },
      },
      text: renderText(o.view),
    };
  });
  all.push({ kind: 'home', title: 'The App Home tab (Slack)', slack: renderHome(homeExample()) });
  all.push({ kind: 'modal', title: 'Type to confirm (Slack modal)', slack: typeToConfirmExample() });
  return all;
}
