import { z } from 'zod';
import { limitSetting } from '../src/core/args.js';
import type { CommandSpec, CommonRunContext } from '../src/core/command-spec.js';
import { RoomOpsError } from '../src/core/errors.js';
import { type JobJson, jobJson } from '../src/core/jobs/job-json.js';
import { jobDetail, jobsTable } from './shared/job-view.js';
import { JOB_STATES, type JobState } from '../src/store/job-types.js';

/** `jobs`, `jobs <account>`, `jobs <id>`, `jobs cancel <id>`: one optional text positional says which. */
type Args = { text?: string[]; state?: JobState; limit?: number };
/** A list of jobs, or one job (with its items for `jobs <id>`). */
type Result = { jobs: JobJson[] } | { job: JobJson };

const JOB_ID = /^j_[A-Za-z0-9_-]{1,64}$/;
const USAGE =
  'jobs [account] [state=running|scheduled|done|failed|cancelled|missed] | jobs <id> | jobs cancel <id>';

const words = z
  .string()
  .trim()
  .max(200, 'expected an account, a job id, or cancel <id>')
  .transform((raw) => raw.split(/\s+/).filter(Boolean));

const isCancel = (args: Args) => args.text?.[0] === 'cancel';

export const jobs: CommandSpec<Args, Result> = {
  name: 'jobs',
  summary: 'List bulk and scheduled jobs, show one with its items, or cancel one',
  usage: USAGE,
  examples: [
    { text: 'jobs' },
    { text: 'jobs agora state=running' },
    { text: 'jobs j_Xc2s9kQeR1dWm0aZ' },
    { text: 'jobs cancel j_Xc2s9kQeR1dWm0aZ', note: 'stops before the next item; done items stay done' },
  ],
  takesAccount: false,
  operations: [],
  positionals: () => [
    {
      name: 'text',
      description: 'an account, a job id, or cancel <id>',
      required: false,
      rest: true,
      schema: words,
    },
  ],
  settings: () => ({
    state: {
      schema: z.enum(JOB_STATES, { error: `expected one of ${JOB_STATES.join(', ')}` }),
      description: `only jobs in this state (${JOB_STATES.join(', ')})`,
    },
    limit: limitSetting(200),
  }),
  finalize(args, _account, fail) {
    const text = args.text ?? [];
    if (text[0] === 'cancel') {
      if (text.length !== 2 || !JOB_ID.test(text[1]!))
        fail('text', 'expected cancel <job id>, e.g. cancel j_Xc2s9kQeR1dWm0aZ');
    } else if (text.length > 1) {
      fail('text', `expected one account or job id, got "${text.join(' ')}"`);
    }
    return args;
  },
  kind: (args) => (isCancel(args) ? 'write' : 'read'),
  rooms: () => [],
  describe: (args) => (isCancel(args) ? `Cancel job ${args.text![1]}` : 'Show jobs'),
  async run(args, ctx) {
    const [first, second] = args.text ?? [];
    if (first === 'cancel') return cancel(second!, ctx);
    if (first !== undefined && JOB_ID.test(first)) return detail(first, ctx);
    if (first !== undefined && !ctx.accounts.some((a) => a.name === first)) {
      throw new RoomOpsError(
        'unknown_account',
        `No account called "${first}", and it is not a job id (j_…). Accounts: ${ctx.accounts.map((a) => a.name).join(', ')}.`,
        { field: 'account', usage: USAGE },
      );
    }
    const found = await ctx.store.jobs.list({
      ...(first !== undefined ? { account: first } : {}),
      ...(args.state ? { state: args.state } : {}),
      limit: args.limit ?? 20,
    });
    return {
      result: { jobs: found.map((job) => jobJson(job)) },
      summary: `${found.length} job${found.length === 1 ? '' : 's'}`,
    };
  },
  view: (result) => ('jobs' in result ? { table: jobsTable(result.jobs) } : jobDetail(result.job)),
};

async function detail(id: string, ctx: CommonRunContext) {
  const job = await ctx.store.jobs.get(id);
  if (!job) throw notFound(id);
  const items = await ctx.store.jobs.items(id);
  return {
    result: { job: jobJson(job, items) },
    summary: `Job ${id} (${job.state}): ${job.done} done, ${job.failed} failed of ${job.total}; ${job.description}`,
  };
}

async function cancel(id: string, ctx: CommonRunContext) {
  const { job, unmuted, leftMuted, warnings } = ctx.cancelJob
    ? await ctx.cancelJob(id)
    : { job: await ctx.store.jobs.cancel(id, ctx.now), unmuted: [], leftMuted: [], warnings: [] };
  if (!job) throw notFound(id);
  const graced = (job.invocation as { grace?: unknown }).grace !== undefined && job.state === 'cancelled';
  const summary =
    job.state === 'cancelled'
      ? `Job ${id} cancelled: ${job.done} done, ${job.total - job.done - job.failed} not run.${
          unmuted.length ? ` Unmuted: ${unmuted.join(', ')}.` : ''
        }${leftMuted.length ? ` Still muted as before: ${leftMuted.join(', ')}.` : ''}${
          warnings.length ? ` Warning: ${warnings.join('; ')}.` : ''
        }`
      : job.state === 'running'
        ? `Job ${id} stops before its next item; ${job.done} done so far stay done.`
        : `Job ${id} had already ended (${job.state}); nothing to cancel.`;
  return {
    result: { job: jobJson(job), ...(graced ? { unmuted, leftMuted } : {}) },
    summary,
    ...(warnings.length ? { warnings } : {}),
  };
}

function notFound(id: string): RoomOpsError {
  return new RoomOpsError('job_not_found', `There is no job ${id}; \`jobs\` lists them.`, { field: 'id' });
}
