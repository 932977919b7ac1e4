/**
 * What both Discord transports (gateway and HTTP interactions) set up alike:
 * the handlers' context, the work in flight that a shutdown drains, and the
 * job messages this process keeps up to date, whichever transport started
 * the job.
 */
import type { Logger } from '../../core/logger.js';
import type { Runtime } from '../../runtime/types.js';
import { InFlight } from '../in-flight.js';
import { PageState } from '../page-state.js';
import type { PromptEditor } from './expired-prompt.js';
import type { CoreContext } from './handle-interaction.js';
import { showJobMessages } from './job-messages.js';
import { ReplayGuard } from './replay-guard.js';

export interface InteractionCore {
  ctx: CoreContext;
  inFlight: InFlight;
  /** How long an interaction token is used for edits, for the prompt and job message editors. */
  lifetime: { tokenLifetimeMs?: number };
  /** Stops following job messages (shutdown). */
  stopShowingJobs: () => void;
}

export function interactionCore(
  runtime: Pick<Runtime, 'engine' | 'store' | 'jobRunner'>,
  editor: PromptEditor,
  log: Logger,
  webhookTokenLifetimeMs: number | undefined,
): InteractionCore {
  const ctx: CoreContext = {
    engine: runtime.engine,
    pages: new PageState(runtime.store.pages, 'discord', log),
    replays: new ReplayGuard(runtime.store.interactions),
    logger: log,
  };
  const inFlight = new InFlight();
  const lifetime = webhookTokenLifetimeMs !== undefined ? { tokenLifetimeMs: webhookTokenLifetimeMs } : {};
  const stopShowingJobs = showJobMessages(runtime.jobRunner, editor, {
    engine: runtime.engine,
    inFlight,
    logger: log,
    ...lifetime,
  });
  return { ctx, inFlight, lifetime, stopShowingJobs };
}
