/**
 * `/room <subcommand> option:value …` → the engine's `{ action, options }`.
 * Works on Discord's option tree as the API sends it (HTTP) and as
 * discord.js exposes it (`interaction.options.data`): both are
 * `{ name, type, value?, options? }`. Values are passed as Discord typed them;
 * the core validates them.
 */
import type { TypedOptions } from '../../core/engine-api.js';

export interface OptionNode {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: readonly OptionNode[];
}

const SUBCOMMAND = 1;
const GROUP = 2;

export interface TypedInvocation {
  action: string;
  options: TypedOptions;
  focused?: { name: string; value: string };
}

export function typedInvocation(top: readonly OptionNode[]): TypedInvocation {
  let action = '';
  let leaves = top;
  for (;;) {
    const first = leaves[0];
    if (!first || (first.type !== SUBCOMMAND && first.type !== GROUP)) break;
    if (first.type === SUBCOMMAND) action = first.name;
    leaves = first.options ?? [];
  }
  const options: TypedOptions = {};
  let focused: TypedInvocation['focused'];
  for (const option of leaves) {
    const v = option.value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') options[option.name] = v;
    if (option.focused) focused = { name: option.name, value: String(v ?? '') };
  }
  return { action, options, ...(focused ? { focused } : {}) };
}
