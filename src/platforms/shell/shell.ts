/**
 * The interactive shell: readline with history and tab completion of
 * actions, accounts and room ids; destructive commands ask for a typed "yes".
 * With stdin not a terminal it reads one command per line (a confirmation
 * reads the next line as its answer) and exits at end of input.
 */
import { createInterface, type Interface } from 'node:readline';
import type { EngineApi } from '../../core/engine-api.js';
import type { Outcome } from '../../core/outcome.js';
import type { Place, Principal } from '../../core/types.js';
import { terminalSafe } from '../../render/terminal-safe.js';
import { renderText, useColour } from '../../render/text.js';
import { toView } from '../../render/to-view.js';
import { completer } from './completion.js';
import { typedMatches } from '../../core/jobs/type-to-confirm.js';

export interface ShellOptions {
  engine: EngineApi;
  principal: Principal;
  place: Place;
  /** Shown on `output` when stdin is a terminal. */
  banner?: string;
  /** Shown instead on `errorOutput` when stdin is not a terminal (the sandbox label), so piped output stays clean. */
  pipedNotice?: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  errorOutput?: NodeJS.WritableStream;
}

const EXIT_WORDS = new Set(['exit', 'quit', '\\q']);

export async function runShell(options: ShellOptions): Promise<number> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = (input as NodeJS.ReadStream).isTTY === true;
  const colour = useColour(output as NodeJS.WriteStream);
  const rl = createInterface({
    input,
    output,
    terminal: interactive,
    historySize: 500,
    ...(interactive ? { completer: completer(options.engine, options) } : {}),
  });
  const lines = lineQueue(rl);
  const write = (text: string) => output.write(`${text}\n`);
  if (interactive && options.banner) write(options.banner);
  if (!interactive && options.pipedNotice)
    (options.errorOutput ?? process.stderr).write(`${options.pipedNotice}\n`);
  let failures = 0;
  for (;;) {
    if (interactive) prompt(rl, 'roomops> ');
    const line = await lines.next();
    if (line === undefined) break;
    const text = line.trim();
    if (!text) continue;
    if (EXIT_WORDS.has(text)) break;
    const request = { principal: options.principal, place: options.place, text };
    const preview = await options.engine.preview(request);
    let outcome: Outcome;
    if (
      preview.type === 'accepted' &&
      preview.kind === 'destructive' &&
      !/(^|\s)--dry-run(\s|$)/.test(text)
    ) {
      let description = preview.description;
      let typeToConfirm: string | undefined;
      if (preview.job) {
        // The plan (which rooms, when) is resolved by the engine; it answers not_confirmed with it.
        const planned = await options.engine.handle({ ...request, preconfirmed: false });
        if (planned.type !== 'error' || planned.error.code !== 'not_confirmed') {
          if (planned.type === 'error') failures += 1;
          write(renderText(toView(planned), { colour }));
          continue;
        }
        // A large plan asks for the account name, as the chat modals do.
        if (typeof planned.error.typeToConfirm === 'string') typeToConfirm = planned.error.typeToConfirm;
        description = planned.error.message
          .replace(/^Not confirmed, nothing was sent: /, '')
          .replace(/ Confirm with --yes.*$/s, '');
      }
      write(terminalSafe(description));
      const ask = typeToConfirm
        ? `Type the account name ${terminalSafe(typeToConfirm)} to go ahead: `
        : 'Type yes to go ahead: ';
      if (interactive) prompt(rl, ask);
      else write(ask.trimEnd());
      const answer = await lines.next();
      const confirmed = typeToConfirm
        ? typedMatches(answer, typeToConfirm)
        : answer?.trim().toLowerCase() === 'yes';
      if (!confirmed) {
        // Through the engine all the same, so the audit log records the refusal.
        await options.engine.handle({ ...request, preconfirmed: false });
        write('Cancelled: nothing was sent.');
        failures += 1;
        continue;
      }
      outcome = await options.engine.handle({ ...request, preconfirmed: true });
    } else {
      outcome = await options.engine.handle(request);
    }
    if (outcome.type === 'error') failures += 1;
    write(renderText(toView(outcome), { colour }));
  }
  rl.close();
  return failures === 0 ? 0 : 1;
}

function prompt(rl: Interface, text: string): void {
  rl.setPrompt(text);
  rl.prompt();
}

/** Lines as a pull queue, so a confirmation can take the next line as its answer. */
function lineQueue(rl: Interface): { next(): Promise<string | undefined> } {
  const buffered: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let closed = false;
  rl.on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else buffered.push(line);
  });
  rl.on('close', () => {
    closed = true;
    for (const waiter of waiting.splice(0)) waiter(undefined);
  });
  return {
    next: () => {
      if (buffered.length) return Promise.resolve(buffered.shift());
      if (closed) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}
