/**
 * `roomops run "help" --json` cold start (issue 3, item 11; goal ≤ 0.4 s):
 * the real CLI process spawned again and again, median wall time, beside
 * `node -e ""` spawned the same way for the ratio. Measured with no config
 * (sandbox mode: the four emulators start in-process, as `npm start` does)
 * and with a one-account config file (what a configured user gets).
 *
 * Then one traced run lists which packages and which of RoomOps's own
 * folders were loaded, and times importing each heavy package on its own, so
 * an eager import that should be lazy shows up by name.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { atMost, type BenchSection, info, median, round } from './stats.js';

const RUNS = 10;
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const DIST = fileURLToPath(new URL('..', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const CONFIG_YAML = `accounts:
  agora:
    vendor: agora
    baseUrl: http://127.0.0.1:9
    orgName: bench-org
    appName: bench-app
    appToken: bench-app-token
storage:
  url: sqlite:bench.db
`;

/** The environment of a user with nothing set for RoomOps. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  for (const key of Object.keys(env)) if (key.startsWith('ROOMOPS_') && !(key in extra)) delete env[key];
  for (const key of [
    'SLACK_BOT_TOKEN',
    'SLACK_APP_TOKEN',
    'SLACK_SIGNING_SECRET',
    'DISCORD_TOKEN',
    'DATABASE_URL',
    'NODE_OPTIONS',
  ])
    delete env[key];
  return env;
}

/** Wall time in ms of one process from spawn to exit; rejects on a non-zero exit. */
function timeProcess(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, stdout });
    });
  });
}

async function medianOf(
  runs: number,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  check?: (stdout: string) => void,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, stdout } = await timeProcess(args, cwd, env);
    check?.(stdout);
    times.push(ms);
  }
  return median(times);
}

const helpOk = (stdout: string): void => {
  const json = JSON.parse(stdout.trim()) as { ok?: boolean };
  if (json.ok !== true) throw new Error(`run help --json did not answer ok: ${stdout.slice(0, 200)}`);
};

/** Records every CommonJS file and ES module a process loads into `traceFile`. */
function tracerFiles(dir: string): { cjs: string; esm: string } {
  const cjs = join(dir, 'trace-cjs.cjs');
  writeFileSync(
    cjs,
    `const Module = require('node:module'); const fs = require('node:fs');
const out = process.env.ROOMOPS_BENCH_TRACE; const load = Module._load;
Module._load = function (request, parent, isMain) {
  const result = load.apply(this, arguments);
  try { fs.appendFileSync(out, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
  return result;
};`,
  );
  const hooks = join(dir, 'trace-hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(process.env.ROOMOPS_BENCH_TRACE, url + '\\n'); return next(url, context); }`,
  );
  const esm = join(dir, 'trace-esm.mjs');
  writeFileSync(
    esm,
    `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`,
  );
  return { cjs, esm };
}

interface LoadSummary {
  /** Package name → files loaded from it. */
  packages: Map<string, number>;
  /** RoomOps folder (dist/src/…, two levels) → files loaded. */
  own: Map<string, number>;
}

function summarize(lines: string[]): LoadSummary {
  const packages = new Map<string, number>();
  const own = new Map<string, number>();
  for (const line of new Set(lines)) {
    if (!line || line.startsWith('node:') || !line.includes('/')) continue;
    const path = line.startsWith('file:') ? fileURLToPath(line) : line;
    const nm = path.lastIndexOf('/node_modules/');
    if (nm >= 0) {
      const parts = path.slice(nm + '/node_modules/'.length).split('/');
      const name = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
      packages.set(name, (packages.get(name) ?? 0) + 1);
    } else if (path.startsWith(DIST)) {
      const rel = path.slice(DIST.length).split('/');
      const key = rel.length > 3 ? rel.slice(0, 3).join('/') : rel.slice(0, -1).join('/') || rel[0]!;
      own.set(key, (own.get(key) ?? 0) + 1);
    }
  }
  return { packages, own };
}

const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);

/** RoomOps modules imported one after another in a phase run: each time is what it adds to those before. */
const PHASE_MODULES = [
  ['commander (main.ts)', 'commander'],
  ['pino logger', '../src/core/logger.js'],
  ['config loader (yaml, zod)', '../src/core/config/index.js'],
  ['store (better-sqlite3)', '../src/store/open-store.js'],
  ['sandbox emulators', '../src/sandbox/sandbox-emulators.js'],
  ['engine, commands, vendor clients (undici, agora-token)', '../src/app/compose.js'],
  ['render (text tables)', '../src/render/text.js'],
  ['rest of run-command', '../src/cli/run-command.js'],
] as const;

/**
 * One process that times its own start: node bootstrap until the first line
 * runs, each module group's import, then `runCommand('help', --json)` itself
 * (runtime start, engine, audit, output, close).
 */
function phaseScript(): string {
  const mods = PHASE_MODULES.map(([label, spec]) => [label, import.meta.resolve(spec)]);
  return `const boot = performance.now();
const phases = {};
let t = performance.now();
for (const [label, spec] of ${JSON.stringify(mods)}) { await import(spec); const n = performance.now(); phases[label] = n - t; t = n; }
const { runCommand } = await import(${JSON.stringify(new URL('../src/cli/run-command.js', import.meta.url).href)});
const write = process.stdout.write; process.stdout.write = () => true;
const r0 = performance.now();
const { createLogger } = await import(${JSON.stringify(new URL('../src/core/logger.js', import.meta.url).href)});
await runCommand('help', { json: true }, { env: process.env, logger: createLogger('warn') });
const run = performance.now() - r0;
process.stdout.write = write;
process.stderr.write('\\nPHASES ' + JSON.stringify({ boot, phases, run }) + '\\n');`;
}

interface Phases {
  boot: number;
  phases: Record<string, number>;
  run: number;
}

async function measurePhases(cwd: string, env: NodeJS.ProcessEnv, runs: number): Promise<Phases> {
  const all: Phases[] = [];
  for (let i = 0; i < runs; i++) {
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', phaseScript()], {
        cwd,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.once('error', reject);
      child.once('exit', () => resolve(err));
    });
    const line = stderr.split('\n').find((l) => l.startsWith('PHASES '));
    if (!line) throw new Error(`phase run printed no timings: ${stderr.slice(0, 300)}`);
    all.push(JSON.parse(line.slice('PHASES '.length)) as Phases);
  }
  const phases: Record<string, number> = {};
  for (const key of Object.keys(all[0]!.phases)) phases[key] = median(all.map((p) => p.phases[key]!));
  return { boot: median(all.map((p) => p.boot)), phases, run: median(all.map((p) => p.run)) };
}

export async function benchColdStart(): Promise<BenchSection> {
  const sandboxDir = mkdtempSync(join(tmpdir(), 'roomops-bench-sandbox-'));
  const configDir = mkdtempSync(join(tmpdir(), 'roomops-bench-config-'));
  writeFileSync(join(configDir, 'roomops.yml'), CONFIG_YAML);
  const env = cleanEnv();
  const runArgs = [CLI, 'run', 'help', '--json'];
  try {
    // One untimed run of each first: fills the OS file cache, creates the SQLite files.
    await timeProcess(['-e', ''], sandboxDir, env);
    await timeProcess(runArgs, sandboxDir, env).then((r) => helpOk(r.stdout));
    await timeProcess(runArgs, configDir, env).then((r) => helpOk(r.stdout));

    // Interleave the three so load on the machine hits them alike.
    const baseline: number[] = [];
    const sandbox: number[] = [];
    const configured: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      baseline.push(await medianOf(1, ['-e', ''], sandboxDir, env));
      sandbox.push(await medianOf(1, runArgs, sandboxDir, env, helpOk));
      configured.push(await medianOf(1, runArgs, configDir, env, helpOk));
    }
    const base = median(baseline);
    const sb = median(sandbox);
    const cf = median(configured);

    // Which modules a configured `run help` loads, and what the heavy ones cost alone.
    const tracer = tracerFiles(configDir);
    const traceFile = join(configDir, 'trace.txt');
    writeFileSync(traceFile, '');
    await timeProcess(
      ['--require', tracer.cjs, '--import', pathToFileURL(tracer.esm).href, ...runArgs],
      configDir,
      cleanEnv({ ROOMOPS_BENCH_TRACE: traceFile }),
    );
    const loaded = summarize(readFileSync(traceFile, 'utf8').split('\n'));
    const sandboxTrace = join(sandboxDir, 'trace.txt');
    writeFileSync(sandboxTrace, '');
    await timeProcess(
      ['--require', tracer.cjs, '--import', pathToFileURL(tracer.esm).href, ...runArgs],
      sandboxDir,
      cleanEnv({ ROOMOPS_BENCH_TRACE: sandboxTrace }),
    );
    const loadedSandbox = summarize(readFileSync(sandboxTrace, 'utf8').split('\n'));

    const phases = await measurePhases(configDir, env, 5);

    const importCost: [string, number][] = [];
    for (const [name] of top(loaded.packages, 8)) {
      const code = `import(${JSON.stringify(name)})`;
      const ms = await medianOf(3, ['--input-type=module', '-e', `await ${code}`], ROOT, env);
      importCost.push([name, Math.max(0, ms - base)]);
    }
    importCost.sort((a, b) => b[1] - a[1]);

    const figures = [
      atMost(
        'run help --json, configured: median wall',
        round(cf / 1000, 3),
        0.4,
        's',
        `${RUNS} spawns of node dist/src/cli/main.js run help --json in a folder with a one-account roomops.yml (SQLite store)`,
      ),
      atMost(
        'run help --json, no config (sandbox): median wall',
        round(sb / 1000, 3),
        0.4,
        's',
        'no roomops.yml: sandbox mode starts the four emulators and an SQLite store first',
      ),
      info('node -e "" baseline: median wall', round(base / 1000, 3), 's'),
      info('configured run / node baseline', round(cf / base, 2), '×'),
      info('sandbox run / node baseline', round(sb / base, 2), '×'),
    ];
    const fmt = (m: [string, number][]) => m.map(([k, v]) => `${k} ${v}`).join(', ');
    return {
      title: 'roomops run "help" --json cold start',
      figures,
      notes: [
        `packages loaded (configured), by files: ${fmt(top(loaded.packages, 14))}`,
        `RoomOps folders loaded (configured), by files: ${fmt(top(loaded.own, 12))}`,
        `packages loaded (sandbox), by files: ${fmt(top(loadedSandbox.packages, 14))}`,
        `time inside one configured run (median of 5; ms): node bootstrap ${Math.round(phases.boot)}; imports: ${Object.entries(
          phases.phases,
        )
          .map(([k, v]) => `${k} ${Math.round(v)}`)
          .join(
            ', ',
          )}; runCommand('help') itself (config, store open + migrations, engine, audit, close) ${Math.round(phases.run)}`,
        `import cost alone, median of 3 spawns minus node baseline: ${importCost.map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ')}`,
      ],
    };
  } finally {
    rmSync(sandboxDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  }
}
