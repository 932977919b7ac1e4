/**
 * A job's message in Slack: the answer that started it carries its buttons
 * (`job_cancel:<id>`, `job_undo:<id>`), clicks on them go to the engine, and
 * when the job ends in this process its message becomes the final report
 * (with `job_retry:<id>` when items failed), by `chat.update` where the
 * message's channel and ts are known, else through its response_url.
 */
import type { App } from '@slack/bolt';
import type { EngineApi } from '../../core/engine-api.js';
import type { JobControl } from '../../core/jobs/job-controls.js';
import type { Logger } from '../../core/logger.js';
import { JOB_ACTION, renderNotice, withJobButtons } from '../../render/slack/index.js';
import type { InFlight } from '../in-flight.js';
import type { ResponseBody } from './messages.js';
import type { SlackPrincipals } from './principal.js';
import type { ChatUpdater } from './prompt-update.js';
import type { ReplyTo } from './response-url.js';
import { CHANNEL_ID, MESSAGE_TS } from './slack-ids.js';
import { followJobMessages, type JobEvents } from '../job-messages.js';

export interface JobActionDeps {
  engine: EngineApi;
  principals: SlackPrincipals;
  inFlight: InFlight;
  logger: Logger;
  /** Posts to a response_url (the adapter's keep-alive agent and outbound timeout). */
  replyTo: ReplyTo;
}

/** Where a job's message is: its response_url, and its channel and ts when it is a channel message. */
export interface SlackJobPlace {
  responseUrl: string;
  channel?: string;
  ts?: string;
}

/**
 * Remembers where the job's message is and adds the buttons it offers now.
 * The job exists already: if the store cannot record the place, the answer
 * still goes out (without buttons; `jobs` and `jobs cancel` still work).
 */
export async function withJobPrompt(
  engine: EngineApi,
  body: ResponseBody,
  jobId: string,
  where: SlackJobPlace,
  logger: Logger,
): Promise<ResponseBody> {
  let controls: JobControl[];
  try {
    controls = await engine.attachJobPrompt(jobId, {
      platform: 'slack',
      responseUrl: where.responseUrl,
      ...(where.channel && CHANNEL_ID.test(where.channel) ? { channel: where.channel } : {}),
      ...(where.ts && MESSAGE_TS.test(where.ts) ? { ts: where.ts } : {}),
    });
  } catch (error) {
    logger.warn(
      { job: jobId, err: error instanceof Error ? error.message : String(error) },
      'Slack: could not record where a job is shown; its message will not follow it',
    );
    return body;
  }
  return { ...body, ...withJobButtons(body, jobId, controls) };
}

export function registerJobActions(app: App, deps: JobActionDeps): void {
  const { engine, principals, inFlight, logger, replyTo } = deps;
  app.action({ type: 'block_actions', action_id: JOB_ACTION }, async ({ body, action, ack }) => {
    await ack();
    if (action.type !== 'button' || !body.response_url) return;
    const [, control, jobId] = JOB_ACTION.exec(action.action_id) ?? [];
    if (!control || !jobId) return;
    const respond = replyTo(body.response_url);
    await inFlight.run(async () => {
      try {
        const principal = await principals.principal(body.user.id, body.user.username ?? body.user.name);
        const channel = body.channel?.id ?? body.container?.channel_id;
        const outcome = await engine.controlJob({
          jobId,
          control: control as JobControl,
          principal,
          place: { platform: 'slack', ...(channel ? { channel: `slack:${channel}` } : {}) },
        });
        if (outcome.type === 'refused') {
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            ...renderNotice(outcome.text),
          });
          return;
        }
        const message: ResponseBody = { replace_original: true, ...renderNotice(outcome.text) };
        // A retry's message is this one: its end replaces it, and it offers Cancel meanwhile.
        await respond(
          outcome.retry
            ? await withJobPrompt(
                engine,
                message,
                outcome.retry.id,
                {
                  responseUrl: body.response_url,
                  ...(channel ? { channel } : {}),
                  ...(body.container?.message_ts ? { ts: String(body.container.message_ts) } : {}),
                },
                logger,
              )
            : message,
        );
      } catch (error) {
        logger.error(
          {
            err: error instanceof Error ? error.message : String(error),
            what: action.action_id.split(':')[0],
          },
          'Slack job button failed after ack',
        );
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...renderNotice(
            'Something went wrong inside RoomOps; the job was not changed by this click. The details are in the server log.',
          ),
        }).catch(() => {});
      }
    });
  });
}

/**
 * Keeps the Slack message of each job this process runs up to date: its
 * progress at most every 2 s while it runs, then how it ended (with Retry
 * failed when items failed).
 */
export function showJobMessages(
  runner: JobEvents,
  client: ChatUpdater,
  deps: Pick<JobActionDeps, 'engine' | 'inFlight' | 'logger' | 'replyTo'>,
): () => void {
  return followJobMessages(runner, 'slack', (jobId) => updateJobMessage(jobId, client, deps), deps);
}

async function updateJobMessage(
  jobId: string,
  client: ChatUpdater,
  deps: Pick<JobActionDeps, 'engine' | 'replyTo'>,
): Promise<void> {
  const report = await deps.engine.jobReport(jobId);
  const prompt = report?.prompt;
  if (!report || prompt?.platform !== 'slack') return;
  const message = withJobButtons(renderNotice(report.text), jobId, report.controls);
  if (prompt.channel && prompt.ts) {
    await client.chat.update({ channel: prompt.channel, ts: prompt.ts, ...message });
  } else if (report.final) {
    // Without the message's ts only the response_url can reach it, and it allows 5 uses: the end only.
    await deps.replyTo(prompt.responseUrl)({ replace_original: true, ...message });
  }
}
