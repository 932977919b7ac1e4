/**
 * DESIGN.md "CLI": options may come before or after the sub-command
 * (`roomops --json --yes --config F run "…"`). Commander reads options that
 * come before a sub-command as the program's own and refuses the others, so
 * the sub-command's options found before its name are moved after it. The
 * program's own options (`--config`, `--help`, `--version`) stay where they
 * are. Nothing after `--` is touched.
 */
import type { Command, Option } from 'commander';

export function optionsAfterSubcommand(program: Command, args: readonly string[]): string[] {
  const programFlags = flagsOf(program.options);
  const subcommandFlags = flagsOf(program.commands.flatMap((c) => c.options));
  const names = new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));

  const kept: string[] = [];
  const moved: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') {
      if (!names.has(arg) || moved.length === 0) return [...args];
      return [...kept, arg, ...moved, ...args.slice(i + 1)];
    }
    const flag = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    const own = programFlags.get(flag);
    const target = own ? kept : moved;
    const takesValue = (own ?? subcommandFlags.get(flag))?.takesValue === true && !arg.includes('=');
    target.push(arg);
    if (takesValue && i + 1 < args.length) target.push(args[++i]!);
  }
  return [...args];
}

function flagsOf(options: readonly Option[]): Map<string, { takesValue: boolean }> {
  const flags = new Map<string, { takesValue: boolean }>();
  for (const option of options) {
    const takesValue = option.required || option.optional;
    for (const flag of [option.long, option.short]) if (flag) flags.set(flag, { takesValue });
  }
  return flags;
}
