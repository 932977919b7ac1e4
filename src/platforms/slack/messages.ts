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
import type { View } from '../../render/view.js';
import type { PendingAction } from '../../store/types.js';
import type { PageCache } from './page-cache.js';

export interface ResponseBody extends SlackMessage {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}

/** The first page of a view; further pages go to the cache behind Previous/Next. */
export function firstPage(view: View, pages: PageCache): SlackMessage {
  const all = renderPages(view);
  if (all.length === 1) return all[0]!;
  return withPager(all[0]!, pages.put(all), 0, all.length);
}

export function outcomeMessage(outcome: Outcome, pages: PageCache): ResponseBody {
  const publicAnswer = outcome.type === 'confirm' || outcome.visibility === 'public';
  return { response_type: publicAnswer ? 'in_channel' : 'ephemeral', ...firstPage(toView(outcome), pages) };
}

/**
 * A decided click replaces the prompt (buttons gone), and so does a click on
 * an expired one; a refusal, or a click on something already decided or
 * gone, is told to the clicker only and leaves the prompt as it is.
 */
export function decisionMessage(decision: DecisionOutcome, pages: PageCache): ResponseBody {
  const body = firstPage(decisionView(decision), pages);
  if (decision.type === 'decided') return { replace_original: true, ...body };
  // A click that finds the prompt expired is the moment it expired (the sweep
  // will not see it again), so the prompt itself becomes the expired notice.
  if (decision.type === 'stale' && decision.expiredNow) return expiredMessage(decision.pending);
  return { response_type: 'ephemeral', replace_original: false, ...body };
}

export function expiredMessage(pending: PendingAction): ResponseBody {
  return { replace_original: true, ...renderPages(expiredView(pending))[0]! };
}

export function pageMessage(pages: PageCache, key: string, index: number): ResponseBody {
  const all = pages.get(key);
  const page = all?.[index];
  if (!all || !page) {
    return {
      response_type: 'ephemeral',
      replace_original: false,
      ...renderNotice('These pages are no longer available. Run the command again to see the list.'),
    };
  }
  return { replace_original: true, ...withPager(page, key, index, all.length) };
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
