/**
 * Outcome → what goes to a response_url. The engine decided everything
 * (visibility, who may act); this only maps it onto Slack's delivery
 * (DESIGN.md "Slack delivery"): `ephemeral` for private answers,
 * `in_channel` for public ones and for confirmation prompts, and
 * `replace_original` where a prompt or a page is being replaced.
 */
import type { DecisionOutcome, Outcome } from '../../core/outcome.js';
import { renderNotice, renderPages, type SlackMessage, withPager } from '../../render/slack/index.js';
import { decisionView, expiredView, toView } from '../../render/to-view.js';
import type { View } from '../../view/view.js';
import type { PendingAction } from '../../store/types.js';
import { type PageState, parsePageRef } from '../page-state.js';

export interface ResponseBody extends SlackMessage {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}

/** The first page of a view; further pages go to the store behind Previous/Next, flippable by `owner` only. */
export async function firstPage(view: View, pages: PageState, owner: string): Promise<SlackMessage> {
  const all = renderPages(view);
  if (all.length === 1) return all[0]!;
  const { key, total } = await pages.put(all, owner);
  return total > 1 ? withPager(all[0]!, key, 0, total) : all[0]!;
}

export async function outcomeMessage(
  outcome: Outcome,
  pages: PageState,
  owner: string,
): Promise<ResponseBody> {
  const publicAnswer = outcome.type === 'confirm' || outcome.visibility === 'public';
  return {
    response_type: publicAnswer ? 'in_channel' : 'ephemeral',
    ...(await firstPage(toView(outcome), pages, owner)),
  };
}

/**
 * A decided click replaces the prompt (buttons gone), and so does a click on
 * an expired one; a refusal, a click on something already decided or gone,
 * or an approval still waiting for the account name, is told to the clicker
 * only and leaves the prompt as it is. Every outcome is named, so a new one
 * cannot fall through to replacing the prompt unnoticed.
 */
export async function decisionMessage(
  decision: DecisionOutcome,
  pages: PageState,
  owner: string,
): Promise<ResponseBody> {
  const privately = async (): Promise<ResponseBody> => ({
    response_type: 'ephemeral',
    replace_original: false,
    ...(await firstPage(decisionView(decision), pages, owner)),
  });
  switch (decision.type) {
    case 'decided':
      return { replace_original: true, ...(await firstPage(decisionView(decision), pages, owner)) };
    case 'stale':
      // A click that finds the prompt expired is the moment it expired (the sweep
      // will not see it again), so the prompt itself becomes the expired notice.
      return decision.expiredNow ? expiredMessage(decision.pending) : privately();
    // A bare or forged click on a prompt that needs the account name typed
    // (`mistyped`): the prompt must stay, with its buttons, for the modal.
    case 'mistyped':
    case 'refused':
    case 'unknown':
    case 'failed':
      return privately();
  }
}

export function expiredMessage(pending: PendingAction): ResponseBody {
  return { replace_original: true, ...renderPages(expiredView(pending))[0]! };
}

/** A pager click: the page for whoever asked for the list; anyone else, or a lapsed set, is told privately. */
export async function pageMessage(pages: PageState, value: string, asker: string): Promise<ResponseBody> {
  const { key, index } = parsePageRef(value);
  const flip = await pages.flip<SlackMessage>(key, index, asker);
  if (!flip.ok) return { response_type: 'ephemeral', replace_original: false, ...renderNotice(flip.message) };
  return { replace_original: true, ...withPager(flip.page, key, index, flip.total) };
}

/** The last resort when handling failed unexpectedly; `errorId` finds the details in the log. */
export function failureMessage(errorId: string): ResponseBody {
  return {
    response_type: 'ephemeral',
    ...renderNotice(
      `Something went wrong inside RoomOps; nothing more was done (error id ${errorId}). The details are in the server log.`,
    ),
  };
}
