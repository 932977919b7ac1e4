/**
 * `npm run bench`: every benchmark in one run, printed as tables of figures
 * with their goals. Speed is judged by ratios and figures measured side by
 * side in this one run, never asserted in timed tests. Exits 0 whatever the
 * figures are (a missed goal is printed as NO, not failed); a benchmark that
 * cannot run is reported and skipped.
 *
 * `--markdown FILE` also writes the tables as Markdown (for docs/bench.md).
 * `--only NAME[,NAME]` runs some of them: vendor-http, core, cold-start,
 * store-busy, slack, discord, slack-replicas, discord-http, jobs.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { type BenchSection, formatSection, info, markdownSection } from './stats.js';

interface Bench {
  name: string;
  run: () => Promise<BenchSection | BenchSection[]>;
}

/** A bench another engineer owns: imported only if present, its plain record shown as figures. */
function optional(name: string, module: string, exportName: string, title: string): Bench {
  return {
    name,
    run: async () => {
      const mod = (await import(module)) as Record<string, unknown>;
      const fn = mod[exportName];
      if (typeof fn !== 'function') throw new Error(`${module} has no ${exportName}()`);
      const record = (await (fn as () => Promise<Record<string, number | string>>)()) ?? {};
      const figures = Object.entries(record)
        .filter(([, v]) => typeof v === 'number')
        .map(([k, v]) => info(k, v as number));
      const notes = Object.entries(record)
        .filter(([, v]) => typeof v !== 'number')
        .map(([k, v]) => `${k}: ${String(v)}`);
      // Its own judgement (`goal`, `met: yes|no`) counts like any figure's.
      const met = record.met === undefined ? undefined : String(record.met).toLowerCase();
      const verdict =
        met === undefined
          ? undefined
          : { goal: String(record.goal ?? title), met: met === 'yes' || met === 'true' };
      return { title, figures, notes, ...(verdict ? { verdict } : {}) };
    },
  };
}

const BENCHES: Bench[] = [
  { name: 'vendor-http', run: async () => (await import('./vendor-http.js')).benchVendorHttp() },
  { name: 'core', run: async () => (await import('./core-overhead.js')).benchCoreOverhead() },
  { name: 'cold-start', run: async () => (await import('./cold-start.js')).benchColdStart() },
  { name: 'store-busy', run: async () => (await import('./store-busy.js')).benchStoreBusy() },
  optional('slack', './slack-ack.js', 'benchSlackAck', 'Slack slash-command ack latency'),
  optional('discord', './discord-interaction.js', 'benchDiscordInteractions', 'Discord interaction latency'),
  {
    name: 'slack-replicas',
    run: async () => (await import('./slack-replicas.js')).benchSlackReplicas(),
  },
  { name: 'discord-http', run: async () => (await import('./discord-http.js')).benchDiscordHttp() },
  { name: 'jobs', run: async () => (await import('./job-bulk.js')).benchBulkJob() },
];

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const only = argValue('--only')?.split(',');
  const markdownFile = argValue('--markdown');
  const cpu = cpus();
  const machine = `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${process.platform}`;
  const startedAt = new Date();
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  const loadAtStart = load();
  console.log(
    `RoomOps bench — ${startedAt.toISOString()}\n${machine}\nload average at start: ${loadAtStart}\n`,
  );

  const sections: BenchSection[] = [];
  const skipped: string[] = [];
  for (const bench of BENCHES) {
    if (only && !only.includes(bench.name)) continue;
    const t = performance.now();
    try {
      const result = await bench.run();
      const list = Array.isArray(result) ? result : [result];
      for (const section of list) {
        sections.push(section);
        console.log(formatSection(section));
        console.log('');
      }
      console.log(`(${bench.name}: ${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
    } catch (error) {
      const missing =
        (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' &&
        String((error as Error).message).includes(
          bench.name === 'slack' ? 'slack-ack' : 'discord-interaction',
        );
      const why = missing
        ? 'not present'
        : `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      skipped.push(`${bench.name} — ${why}`);
      console.log(`## ${bench.name}: skipped (${why})\n`);
    }
  }

  const missed = sections.flatMap((s) => [
    ...s.figures
      .filter((f) => f.met === false)
      .map((f) => `${s.title}: ${f.name} = ${f.value}${f.unit ? ` ${f.unit}` : ''} (goal ${f.goal})`),
    ...(s.verdict && !s.verdict.met ? [`${s.title}: ${s.verdict.goal}`] : []),
  ]);
  console.log(
    `load average at end: ${load()}; total ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s`,
  );
  console.log(
    missed.length ? `Goals missed:\n${missed.map((m) => `  - ${m}`).join('\n')}` : 'All goals met.',
  );
  if (skipped.length) console.log(`Skipped:\n${skipped.map((s) => `  - ${s}`).join('\n')}`);

  if (markdownFile) {
    const md = [
      `Run ${startedAt.toISOString()} on ${machine}; load average (1, 5, 15 min) at start ${loadAtStart}, at end ${load()}.`,
      '',
      ...sections.flatMap((s) => [markdownSection(s), '']),
      ...(skipped.length ? [`Skipped: ${skipped.join('; ')}`, ''] : []),
    ].join('\n');
    writeFileSync(markdownFile, md);
    console.log(`Markdown written to ${markdownFile}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench runner failed:', error);
    process.exit(0);
  },
);
