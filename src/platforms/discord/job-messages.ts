/**
 * A job's message on Discord (DESIGN.md "Durable jobs"). The answer that
 * started a job — a confirm click, or a command that made one at once —
 * carries its buttons, and where it is (application id, interaction token,
 * message and channel ids) is recorded with the job, so whichever process
 * runs the job edits it: progress at most every 2 s, then the end, through
 * the interaction webhook while its token lasts, then with the bot token.
 */
import type { EngineApi } from '../../core/engine-api.js';
import type { JobControl } from '../../core/jobs/job-controls.js';
import type { JobReport } from '../../core/jobs/job-report.js';
import type { Logger } from '../../core/logger.js';
import { jobRow, renderNotice } from '../../render/discord/index.js';
import type { Tone } from '../../view/view.js';
import type { InFlight } from '../in-flight.js';
import { followJobMessages, type JobEvents } from '../job-messages.js';
import type { HandlerContext } from './context.js';
import { editPromptMessage, type MessageEditOptions, type PromptEditor } from './expired-prompt.js';
import { type MessageBody, NO_MENTIONS, type Responder } from './interaction.js';

/** Where an interaction's answer is; ids as Discord sent them. */
export interface DiscordJobPlace {
  applicationId: string;
  token: string;
  messageId?: string;
  channelId?: string;
}

const SNOWFLAKE = /^\d{1,20}$/;

const TONE: Record<JobReport['state'], Tone> = {
  scheduled: 'pending',
  running: 'pending',
  done: 'ok',
  failed: 'warning',
  cancelled: 'info',
  missed: 'warning',
};

/** The job's message as it now stands: its report and the buttons it offers. */
export function jobReportBody(report: JobReport): MessageBody {
  return {
    embeds: [renderNotice(report.text, TONE[report.state])],
    components: jobRow(report.jobId, report.controls),
    allowed_mentions: NO_MENTIONS,
  };
}

/**
 * Records where the job's message is and returns `body` with the buttons
 * the job offers now. The job exists already: if the store cannot record
 * the place, the answer still goes out (without buttons; `jobs` and
 * `jobs cancel` still work).
 */
async function withJobPrompt(
  engine: EngineApi,
  body: MessageBody,
  jobId: string,
  where: DiscordJobPlace,
  logger: Logger,
): Promise<MessageBody> {
  let controls: JobControl[];
  try {
    controls = await attach(engine, jobId, where);
  } catch (error) {
    logger.warn(
      { job: jobId, err: error instanceof Error ? error.message : String(error) },
      'Discord: could not record where a job is shown; its message will not follow it',
    );
    return body;
  }
  return { ...body, components: [...(body.components ?? []), ...jobRow(jobId, controls)] };
}

function attach(engine: EngineApi, jobId: string, where: DiscordJobPlace): Promise<JobControl[]> {
  return engine.attachJobPrompt(jobId, {
    platform: 'discord',
    applicationId: where.applicationId,
    token: where.token,
    ...(where.messageId && SNOWFLAKE.test(where.messageId) ? { messageId: where.messageId } : {}),
    ...(where.channelId && SNOWFLAKE.test(where.channelId) ? { channelId: where.channelId } : {}),
  });
}

/**
 * Turns the interaction's message into the job's answer with its buttons.
 * A command's deferred reply gets its ids only from this edit, so the place
 * is recorded again with them (the bot token needs them after 15 minutes).
 * A job that ended before its place was recorded had no message to end in:
 * its end is shown here.
 */
export async function showJobAnswer(
  respond: Responder,
  ctx: HandlerContext,
  body: MessageBody,
  jobId: string,
  where: DiscordJobPlace,
): Promise<void> {
  const message = await respond.editOriginal(await withJobPrompt(ctx.engine, body, jobId, where, ctx.logger));
  // The job runs whatever happens below: a failure here is logged, never answered as the job's failure.
  try {
    if (!where.messageId && message) {
      await attach(ctx.engine, jobId, {
        ...where,
        messageId: message.id,
        ...(message.channelId ? { channelId: message.channelId } : {}),
      });
    }
    const report = await ctx.engine.jobReport(jobId);
    if (report?.final) await respond.editOriginal(jobReportBody(report));
  } catch (error) {
    ctx.logger.warn(
      { job: jobId, err: error instanceof Error ? error.message : String(error) },
      'Discord: the job started, but its message ids or its end could not be recorded or shown here',
    );
  }
}

/**
 * Keeps the Discord message of each job this process runs up to date: its
 * progress at most every 2 s while it runs, then how it ended (with Retry
 * failed when items failed). A failed edit is logged; the next one still goes.
 */
export function showJobMessages(
  runner: JobEvents,
  editor: PromptEditor,
  deps: { engine: EngineApi; inFlight: InFlight; logger: Logger } & Pick<
    MessageEditOptions,
    'tokenLifetimeMs'
  >,
): () => void {
  const { engine, tokenLifetimeMs } = deps;
  return followJobMessages(
    runner,
    'discord',
    async (jobId) => {
      const report = await engine.jobReport(jobId);
      const prompt = report?.prompt;
      if (!report || prompt?.platform !== 'discord') return;
      await editPromptMessage(editor, prompt, report.createdAt, jobReportBody(report), `job ${jobId}`, {
        ...(tokenLifetimeMs !== undefined ? { tokenLifetimeMs } : {}),
      });
    },
    deps,
  );
}
