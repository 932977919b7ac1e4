/**
 * Type to confirm in Slack (DESIGN.md "Durable jobs → Bulk"): a confirm
 * click on a bulk plan over `bulkTypeToConfirm` rooms opens a modal asking
 * for the account name (`views.open` with the click's trigger_id, valid for
 * 3 s), and its submission decides with what was typed. A wrong name keeps
 * the modal open with the reason under the input (`response_action:
 * errors`); a right one closes it and the decision shows where the click
 * was, as a click decision does (PLATFORMS.md "Second stage facts" 1–2).
 */
import type { App } from '@slack/bolt';
import type { DecisionRequest } from '../../core/engine-api.js';
import { newErrorId } from '../../core/error-id.js';
import type { DecisionOutcome } from '../../core/outcome.js';
import {
  TYPE_TO_CONFIRM_CALLBACK,
  TYPED_ACTION,
  TYPED_BLOCK,
  typeToConfirmModal,
} from '../../render/slack/index.js';
import type { View } from '../../view/view.js';
import type { HomeClient, HomeDeps } from './app-home.js';
import {
  type DecisionPlace,
  decisionRequest,
  modalError,
  showDecision,
  tellClicker,
} from './decision-flow.js';
import { decodeModalMetadata, encodeModalMetadata } from './modal-metadata.js';

export interface ModalClient extends HomeClient {
  views: HomeClient['views'] & { open(args: { trigger_id: string; view: unknown }): Promise<unknown> };
}

/**
 * Slack waits 3 s for a submission's answer, and only that answer can keep
 * the modal open with an error. Approving only creates the job, so decide
 * normally answers well within this; if not, the modal closes and the
 * outcome follows where the click was.
 */
export const SUBMIT_ACK_BUDGET_MS = 2_500;

const NOT_OPENED: View = {
  tone: 'warning',
  title: 'Not confirmed',
  text: 'Slack could not open the form for typing the account name (a click must be answered within 3 seconds). Nothing was done: click the button again.',
  facts: [],
  notes: [],
};

const errorView = (errorId: string): View => ({
  tone: 'error',
  title: 'Not confirmed',
  text: `Something went wrong inside RoomOps; nothing was done (error id ${errorId}). The details are in the server log.`,
  facts: [],
  notes: [],
});

const slackError = (error: unknown): string =>
  (error as { data?: { error?: unknown } })?.data?.error?.toString() ??
  (error instanceof Error ? error.message : String(error));

/**
 * Opens the modal when this approval asks for the account name typed. True
 * when the click is answered that way (the modal, or "click again" if Slack
 * would not open it); false when the click is to be decided as it is.
 */
export async function askToType(
  deps: HomeDeps,
  client: ModalClient,
  request: DecisionRequest,
  place: DecisionPlace,
  userId: string,
  triggerId: string,
): Promise<boolean> {
  let typing;
  try {
    typing = await deps.engine.typeToConfirm(request);
  } catch (error) {
    // decide() reads the same store: it answers this click (failed, or not confirmed without the name).
    deps.logger.warn(
      { pendingId: request.pendingId, err: slackError(error) },
      'Slack: could not check whether this approval needs the account name typed',
    );
    return false;
  }
  if (!typing) return false;
  try {
    const view = typeToConfirmModal(typing, encodeModalMetadata({ pendingId: request.pendingId, place }));
    await client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    deps.logger.warn(
      { pendingId: request.pendingId, err: slackError(error) },
      'Slack: the type-to-confirm modal could not be opened',
    );
    await tellClicker(deps, client, place, userId, NOT_OPENED);
  }
  return true;
}

const errors = (text: string) => ({ response_action: 'errors' as const, errors: { [TYPED_BLOCK]: text } });

/** `work`'s result, or undefined once `ms` passed first (the work goes on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerTypeToConfirm(app: App, deps: HomeDeps): void {
  const { engine, principals, inFlight, logger } = deps;
  app.view(
    { callback_id: TYPE_TO_CONFIRM_CALLBACK, type: 'view_submission' },
    async ({ ack, body, view, client }) => {
      const metadata = decodeModalMetadata(view.private_metadata);
      if (!metadata) {
        logger.warn(
          { what: TYPE_TO_CONFIRM_CALLBACK },
          'Slack: a modal submission carried metadata RoomOps did not write',
        );
        await ack(
          errors(
            'This form can no longer be read. Nothing was done: close it and click the button on the prompt again.',
          ),
        );
        return;
      }
      const { pendingId, place } = metadata;
      // An empty input arrives as null; a forged payload may lack the state or carry anything there.
      const value: unknown = view.state?.values?.[TYPED_BLOCK]?.[TYPED_ACTION]?.value;
      const typed = typeof value === 'string' ? value : '';
      const userId = body.user.id;
      const slack = client as unknown as ModalClient;
      await inFlight.run(async () => {
        let acked = false;
        let outcome: DecisionOutcome | undefined;
        const answer = async (response?: ReturnType<typeof errors>) => {
          acked = true;
          await ack(response);
        };
        try {
          const deciding = (async () => {
            const principal = await principals.principal(userId, body.user.name);
            return engine.decide(
              decisionRequest({ pendingId, decision: 'approved', principal, typed }, place),
            );
          })();
          outcome = await within(deciding, SUBMIT_ACK_BUDGET_MS);
          if (outcome && outcome.type !== 'decided') {
            await answer(errors(modalError(outcome)));
            // A submission that finds the prompt expired is the moment it expired: the prompt says so.
            if (outcome.type === 'stale' && outcome.expiredNow)
              await showDecision(deps, slack, outcome, place, userId);
            return;
          }
          await answer();
          // Late, a wrong name can no longer keep the modal open: showDecision tells the clicker alone.
          outcome ??= await deciding;
          await showDecision(deps, slack, outcome, place, userId);
        } catch (error) {
          const errorId = newErrorId();
          logger.error(
            {
              errorId,
              err: error instanceof Error ? error.message : String(error),
              what: TYPE_TO_CONFIRM_CALLBACK,
            },
            'Slack type-to-confirm submission failed',
          );
          // Once decided, the decision stands (it is recorded); only showing it failed, and that is logged.
          if (!acked) await answer(errors(errorView(errorId).text!)).catch(() => {});
          else if (!outcome)
            await tellClicker(deps, slack, place, userId, errorView(errorId)).catch(() => {});
        }
      });
    },
  );
}
