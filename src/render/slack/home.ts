/**
 * The App Home tab (DESIGN.md "Slack App Home"): what waits for this
 * person's decision, with the same `room_confirm` / `room_cancel` buttons as
 * the channel prompt; jobs with progress; the accounts and what each
 * supports; their last audit entries. A Home view holds at most 100 blocks
 * (docs.slack.dev reference/views/home-tab-views), so each list stops early
 * with "and N more". Block ids are unique within the view, as Slack requires.
 */
import type { types } from '@slack/bolt';
import type { HomeData, HomeJob, HomePending } from '../../core/home.js';
import type { AuditEntry } from '../../store/types.js';
import type { Tone, ViewFact } from '../../view/view.js';
import { confirmBlock } from './buttons.js';
import { fitEscaped } from './escape.js';
import { mrkdwn } from './inline.js';
import { SLACK_LIMITS as L } from './limits.js';
import { TONE_EMOJI } from './tone.js';
import { roomList } from '../../view/room-list.js';

export const HOME_MAX_BLOCKS = 100;
/** Jobs shown; more are counted. */
const JOBS_SHOWN = 10;

export interface HomeNotice {
  tone: Tone;
  title: string;
  text?: string;
  facts?: readonly ViewFact[];
}

export interface HomeView {
  type: 'home';
  blocks: types.KnownBlock[];
}

const header = (text: string): types.KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: fitEscaped(text, L.header), emoji: true },
});
const section = (text: string): types.KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text },
});
const more = (n: number, what: string): types.KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: `…and ${n} more ${what}` }],
});

export function renderHome(data: HomeData, notice?: HomeNotice): HomeView {
  const blocks: types.KnownBlock[] = [header('RoomOps')];
  if (notice) {
    const mark = TONE_EMOJI[notice.tone];
    const facts = (notice.facts ?? []).map((f) => `\n*${fitEscaped(f.label, 100)}:* ${mrkdwn(f.value, 300)}`);
    const text = `${notice.text ? `\n${fitEscaped(notice.text, 1500)}` : ''}${facts.join('')}`;
    blocks.push(section(`${mark ? `${mark} ` : ''}*${fitEscaped(notice.title, 500)}*${text}`));
  }
  const jobs = jobBlocks(data.jobs);
  const accounts = linesBlocks(
    data.accounts.map((a) => `*${fitEscaped(a.name, 100)}* (${a.vendorName}): ${a.actions.join(', ')}`),
    'accounts',
    3,
  );
  const audit = linesBlocks(data.audit.map(auditLine), 'entries', 1);
  const tail = [
    header('Jobs'),
    ...jobs,
    header('Accounts'),
    ...(accounts.length ? accounts : [section('No accounts you may see.')]),
    header('Your recent activity'),
    ...(audit.length ? audit : [section('Nothing yet.')]),
  ];
  // Two blocks per confirmation (what, buttons), one for the title, one for "and N more".
  const room = HOME_MAX_BLOCKS - blocks.length - tail.length - 2;
  blocks.push(header('Waiting for your decision'));
  const shown = Math.max(0, Math.min(data.pending.length, Math.floor(room / 2)));
  if (data.pending.length === 0) blocks.push(section('Nothing is waiting for your decision.'));
  data.pending.slice(0, shown).forEach((p, i) => blocks.push(...pendingBlocks(p, i)));
  if (data.pending.length > shown) blocks.push(more(data.pending.length - shown, 'waiting'));
  return { type: 'home', blocks: [...blocks, ...tail] };
}

function pendingBlocks(item: HomePending, index: number): types.KnownBlock[] {
  const p = item.pending;
  const requester = mrkdwn(
    { person: p.requester, ...(p.requesterName ? { name: p.requesterName } : {}) },
    200,
  );
  const expires = mrkdwn({ time: p.expiresAt, countdown: true }, 200);
  const where = p.channel?.startsWith('slack:')
    ? ` in <#${p.channel.slice(6).replace(/[^A-Z0-9]/g, '')}>`
    : '';
  const text = `*${fitEscaped(p.description, 1500)}*\nRequested by ${requester}${where} · expires ${expires}`;
  const buttons = confirmBlock(
    {
      pendingId: p.id,
      confirmLabel: item.confirmLabel,
      question: `${item.confirmLabel} — ${roomList(p.rooms) || p.action}?`,
      ...(item.typed ? { typed: true } : {}),
    },
    p.description,
  );
  const elements = buttons.elements.filter((e) =>
    'action_id' in e && e.action_id === 'room_confirm' ? item.canApprove : item.canCancel,
  );
  return [
    { ...section(text), block_id: `home_pending_${index}` } as types.KnownBlock,
    { ...buttons, block_id: `room_decision_${index}`, elements },
  ];
}

function jobBlocks(jobs: readonly HomeJob[]): types.KnownBlock[] {
  if (jobs.length === 0) return [section('No running or scheduled jobs.')];
  const lines = jobs.slice(0, JOBS_SHOWN).map((j) => {
    const left = Math.max(0, j.total - j.done - j.failed);
    const when = j.runAt
      ? ` · ${j.state === 'scheduled' ? 'runs' : 'started'} ${mrkdwn({ time: j.runAt, countdown: true }, 200)}`
      : '';
    return `*${fitEscaped(j.action, 50)}* on ${fitEscaped(j.account, 100)} — ${fitEscaped(j.state, 30)}: ${j.done} done, ${j.failed} failed, ${left} left${when}`;
  });
  const blocks = linesBlocks(lines, 'jobs', 1);
  if (jobs.length > JOBS_SHOWN) blocks.push(more(jobs.length - JOBS_SHOWN, 'jobs'));
  return blocks;
}

function auditLine(e: AuditEntry): string {
  const rooms = e.rooms.length ? ` (${fitEscaped(roomList(e.rooms), 200)})` : '';
  const account = e.account ? ` on ${fitEscaped(e.account, 100)}` : '';
  return `${mrkdwn({ time: e.at }, 200)} · ${fitEscaped(e.action, 50)}${account}${rooms} · ${e.outcome}`;
}

/** Lines packed into at most `maxSections` sections of ≤ 3,000 characters; the rest counted. */
function linesBlocks(lines: readonly string[], what: string, maxSections: number): types.KnownBlock[] {
  const sections: string[] = [];
  let current = '';
  let used = 0;
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= L.sectionText - 40) {
      current = next;
      used++;
      continue;
    }
    if (sections.length + 1 >= maxSections) break;
    sections.push(current);
    current = line.slice(0, L.sectionText - 40);
    used++;
  }
  if (current) sections.push(current);
  const blocks = sections.map(section);
  if (used < lines.length) blocks.push(more(lines.length - used, what));
  return blocks;
}
