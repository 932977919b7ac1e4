/**
 * Durable jobs (issue 10, item 8): a 1,000-room bulk delete against an Agora
 * emulator enforcing 100 requests/s, run by the job runner of a RoomOps
 * process that is at the same time serving Slack slash commands. Goals: the
 * job runs at ≥ 0.95 of the limit with zero 429s, acks for the other commands
 * stay at p99 ≤ 50 ms (job work must not starve the event loop), and memory
 * stays flat: RSS after a forced GC at the end within +25 % of the start.
 *
 * Each scenario (bench/job-scenario.ts) runs in a fresh process with
 * `--expose-gc`, so its memory is RoomOps' alone: the job beside Slack
 * commands, the job alone, the Slack load alone, and the job beside a flood
 * of commands several times faster than one process answers them.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RATE, ROOMS, SLACK_RATE, type ScenarioKind, type ScenarioResult } from './job-scenario.js';
import { atLeast, atMost, type BenchSection, type Figure, info, round } from './stats.js';

/** End RSS over start RSS, both after a forced GC: the definition of "flat" judged here. */
const FLAT_RATIO = 1.25;
const SCENARIO_TIMEOUT_MS = 180_000;

export async function benchBulkJob(): Promise<BenchSection[]> {
  const both = await scenario('both', 10);
  const seconds = Math.max(1, both.jobSeconds ?? 10);
  const jobAlone = await scenario('job', seconds);
  const slackAlone = await scenario('slack', seconds);
  const flood = await scenario('flood', seconds);

  const job: Figure[] = [
    info('rooms deleted', both.roomsDeleted ?? 0, `of ${ROOMS}`, `job state ${both.jobState}`),
    atLeast(
      'deletes/s',
      round((both.roomsDeleted ?? 0) / (both.jobSeconds ?? Number.POSITIVE_INFINITY), 1),
      0.95 * RATE,
      '',
      `emulator limit ${RATE} req/s; ${both.itemsFailed ?? 0} items failed`,
    ),
    atMost('vendor 429s', both.vendor429s ?? 0, 0),
    info('Slack commands during the job', both.slackCommands, '', `${SLACK_RATE}/s, 10 in flight at most`),
    atMost('Slack ack p99', both.ackP99Ms ?? Number.NaN, 50, 'ms', `p50 ${both.ackP50Ms} ms`),
    atMost('non-200 acks', both.non200Acks, 0),
    ...memoryFigures('', both),
  ];
  const causes: Figure[] = [
    info(
      'job alone: deletes/s',
      round((jobAlone.roomsDeleted ?? 0) / (jobAlone.jobSeconds ?? Number.POSITIVE_INFINITY), 1),
      '',
      `${jobAlone.vendor429s ?? 0} vendor 429s`,
    ),
    ...memoryFigures('job alone: ', jobAlone),
    info('Slack alone: commands', slackAlone.slackCommands, '', `${SLACK_RATE}/s for ${round(seconds, 1)} s`),
    ...memoryFigures('Slack alone: ', slackAlone),
  ];
  const floodFigures: Figure[] = [
    info('commands acked during the job', flood.slackCommands, '', 'sent as fast as acked, 10 in flight'),
    info(
      'ack p99',
      flood.ackP99Ms ?? Number.NaN,
      'ms',
      `p50 ${flood.ackP50Ms} ms; acks wait while the backlog is full`,
    ),
    info('non-200 acks (refused: busy)', flood.non200Acks),
    info('last answer after the load stopped', flood.settleMs ?? Number.NaN, 'ms'),
    info('deletes/s', round((flood.roomsDeleted ?? 0) / (flood.jobSeconds ?? Number.POSITIVE_INFINITY), 1)),
    ...memoryFigures('', flood),
  ];
  return [
    {
      title: `Bulk job: ${ROOMS}-room delete at ${RATE} req/s beside ${SLACK_RATE} Slack commands/s`,
      figures: job,
      notes: [
        `RSS/heap each second (MiB, no forced GC): ${both.memory.trace}`,
        'processes: RoomOps (Slack + job runner) alone, --expose-gc; load generator + fake Slack: child; Agora emulator: child',
      ],
    },
    {
      title: 'Bulk job memory, causes apart: the job alone, the Slack load alone',
      figures: causes,
      notes: [
        `job alone, RSS/heap each second: ${jobAlone.memory.trace}`,
        `Slack alone, RSS/heap each second: ${slackAlone.memory.trace}`,
      ],
    },
    {
      title: 'Bulk job beside a flood of Slack commands (more than one process answers)',
      figures: floodFigures,
      notes: [`RSS/heap each second: ${flood.memory.trace}`],
    },
  ];
}

function memoryFigures(prefix: string, result: ScenarioResult): Figure[] {
  const m = result.memory;
  return [
    info(`${prefix}RSS at start`, m.rssStartMb, 'MiB', 'after warm-up and a forced GC'),
    info(`${prefix}RSS peak`, m.rssPeakMb, 'MiB', 'sampled every 100 ms, garbage included'),
    info(`${prefix}RSS at end`, m.rssEndMb, 'MiB', 'every answer posted, after a forced GC'),
    atMost(
      `${prefix}RSS end / start`,
      round(m.rssEndMb / m.rssStartMb, 2),
      FLAT_RATIO,
      '',
      '"flat": end RSS after GC within +25 % of start',
    ),
    info(
      `${prefix}heap start / retained peak / end`,
      m.heapRetainedPeakMb,
      'MiB',
      `${m.heapStartMb} / ${m.heapRetainedPeakMb} / ${m.heapEndMb} MiB; retained peak = heap in use after V8's own full GCs`,
    ),
  ];
}

/** One scenario in a fresh `node --expose-gc` process; its JSON line is the result. */
async function scenario(kind: ScenarioKind, seconds: number): Promise<ScenarioResult> {
  const script = fileURLToPath(new URL('./job-scenario.js', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', script, kind, String(seconds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), SCENARIO_TIMEOUT_MS);
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  }).finally(() => clearTimeout(timer));
  const line = out.split('\n').find((l) => l.startsWith('{'));
  if (status !== 0 || !line) throw new Error(`job scenario ${kind} exited with ${status}`);
  return JSON.parse(line) as ScenarioResult;
}
