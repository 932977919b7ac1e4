#!/usr/bin/env node
/**
 * The `roomops` command (DESIGN.md "CLI"). Options may come before or after
 * the sub-command. Heavy modules (store, emulators, Slack, Discord) load only
 * inside the sub-command that needs them, so `roomops run` starts fast.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { optionsAfterSubcommand } from './argv-order.js';
import type { RuntimeOptions } from '../app/compose.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const program = new Command()
  .name('roomops')
  .description(
    'Manage chat rooms on iFlyChat, RongCloud, Watchers.io and Agora Chat from Slack, Discord or a terminal.',
  )
  .version(pkg.version, '-v, --version')
  .option('-c, --config <file>', 'config file (else $ROOMOPS_CONFIG, else ./roomops.yml; none: sandbox)')
  .showHelpAfterError()
  // A usage error (unknown option, missing argument) is a bad command: exit 2, as DESIGN.md fixes.
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 2);
  })
  .action(async () => finish(await serveOrShell(await context('info'))));

program
  .command('shell')
  .description('interactive shell; confirmation is a typed prompt')
  .option('--sandbox', 'use the built-in sandbox even when a config file exists')
  .action(async (options: { sandbox?: boolean }) =>
    finish(await shell(await context('warn'), options.sandbox === true)),
  );

program
  .command('run')
  .description('run one command and exit: 0 done, 1 failed, 2 bad input or config, 3 denied or not confirmed')
  .argument('<text>', 'the command, e.g. "list agora-prod"')
  .option('--json', 'print exactly one JSON object on stdout')
  .option('--yes', 'confirm a destructive command')
  .option('--dry-run', 'show the vendor requests without sending them')
  .option('--no-wait', 'for bulk and scheduled commands: print the job id and exit 0 instead of waiting')
  .action(
    async (text: string, options: { json?: boolean; yes?: boolean; dryRun?: boolean; wait?: boolean }) => {
      const { runCommand } = await import('./run-command.js');
      const { wait, ...rest } = options;
      finish(await runCommand(text, { ...rest, noWait: wait === false }, await context('warn')));
    },
  );

program
  .command('worker')
  .description(
    'run durable jobs (bulk, scheduled, deferred) without serving any platform, until SIGINT/SIGTERM',
  )
  .action(async () => {
    const { runWorker } = await import('./worker-command.js');
    finish(await runWorker(await context('info')));
  });

program
  .command('sandbox')
  .description('start the four vendor emulators and print a matching roomops.yml')
  .addOption(
    new Option('--port <n>', 'first of four consecutive ports (default: random)').argParser(parsePort),
  )
  .action(async (options: { port?: number }) => {
    const { runSandbox } = await import('./sandbox-command.js');
    await runSandbox(options.port);
  });

program
  .command('check')
  .description('validate the config and reach every account')
  .option('--json', 'print exactly one JSON object on stdout')
  .action(async (options: { json?: boolean }) => {
    const { runCheck } = await import('./check-command.js');
    finish(await runCheck(await context('warn'), options.json === true));
  });

program
  .command('discord-register')
  .description('bulk-overwrite the /room command (globally, or in one guild)')
  .option('--guild <id>', 'register in this guild only (changes show at once)')
  .action(async (options: { guild?: string }) => {
    const { runDiscordRegister } = await import('./discord-register-command.js');
    finish(await runDiscordRegister(options.guild));
  });

/** What a sub-command needs from the process: made once per invocation and passed down, never cached. */
async function context(defaultLevel: string): Promise<RuntimeOptions> {
  const configPath = program.opts<{ config?: string }>().config;
  // pino loads only for the sub-commands that log (not `--version`, `sandbox`, `discord-register`).
  const { createLogger } = await import('../core/logger.js');
  return { ...(configPath ? { configPath } : {}), env: process.env, logger: createLogger(defaultLevel) };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65532)
    throw new Error('--port: expected a port number from 1 to 65532');
  return port;
}

/** With platform credentials set: serve (src/app/compose.ts) until SIGTERM; else the shell. */
async function serveOrShell(cli: RuntimeOptions): Promise<number> {
  const env = cli.env;
  const slack = Boolean(env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET));
  if (!slack && !env.DISCORD_TOKEN && !env.DISCORD_PUBLIC_KEY) return shell(cli, false);
  const { startServing } = await import('../app/compose.js');
  try {
    await startServing(cli);
    return 0;
  } catch (error) {
    const { printFailure } = await import('./run-command.js');
    return printFailure(error, {}, 'serve', cli.logger);
  }
}

async function shell(cli: RuntimeOptions, forceSandbox: boolean): Promise<number> {
  const { runShellCommand } = await import('./shell-command.js');
  return runShellCommand(cli, forceSandbox);
}

function finish(code: number): void {
  process.exitCode = code;
}

program
  .parseAsync([...process.argv.slice(0, 2), ...optionsAfterSubcommand(program, process.argv.slice(2))])
  .catch((error: unknown) => {
    process.stderr.write(`roomops: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
