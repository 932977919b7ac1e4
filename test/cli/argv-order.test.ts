/**
 * The argv reordering behind "options may come before or after the
 * sub-command", on a commander program shaped like roomops' (including a
 * negatable option such as `run --no-wait`, and options that take a value).
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { optionsAfterSubcommand } from '../../src/cli/argv-order.js';

function program(): Command {
  const p = new Command().option('-c, --config <file>');
  p.command('run').argument('<text>').option('--json').option('--yes').option('--no-wait');
  p.command('sandbox').option('--port <n>');
  return p;
}

const order = (args: string[]) => optionsAfterSubcommand(program(), args);

describe('optionsAfterSubcommand', () => {
  it("moves the sub-command's options, with their values, after its name; keeps the program's own", () => {
    expect(order(['--json', '-c', 'f.yml', '--no-wait', 'run', 'list x'])).toEqual([
      '-c',
      'f.yml',
      'run',
      '--json',
      '--no-wait',
      'list x',
    ]);
    expect(order(['--port', '4000', 'sandbox'])).toEqual(['sandbox', '--port', '4000']);
    expect(order(['--config=f.yml', '--yes', 'run', 'x'])).toEqual(['--config=f.yml', 'run', '--yes', 'x']);
  });

  it('leaves everything else alone: options already after, no sub-command, text after --', () => {
    expect(order(['run', 'x', '--json'])).toEqual(['run', 'x', '--json']);
    expect(order(['--json'])).toEqual(['--json']);
    expect(order(['--', '--json', 'run'])).toEqual(['--', '--json', 'run']);
    // A value that looks like a sub-command name is still the value.
    expect(order(['-c', 'run', '--json', 'run', 'x'])).toEqual(['-c', 'run', 'run', '--json', 'x']);
  });
});
