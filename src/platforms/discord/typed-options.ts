/**
 * `/room <subcommand> option:value …` → the engine's `{ action, options }`.
 * Values are passed as Discord typed them; the core validates them.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
} from 'discord.js';
import type { TypedOptions } from '../../core/engine-api.js';

function leaves(options: readonly CommandInteractionOption[]): readonly CommandInteractionOption[] {
  const first = options[0];
  // Subcommand (type 1) or group (type 2): its options are the ones typed.
  if (first && (first.type === 1 || first.type === 2)) return leaves(first.options ?? []);
  return options;
}

export function typedInvocation(interaction: ChatInputCommandInteraction | AutocompleteInteraction): {
  action: string;
  options: TypedOptions;
} {
  const options: TypedOptions = {};
  for (const option of leaves(interaction.options.data)) {
    if (
      typeof option.value === 'string' ||
      typeof option.value === 'number' ||
      typeof option.value === 'boolean'
    ) {
      options[option.name] = option.value;
    }
  }
  return { action: interaction.options.getSubcommand(true), options };
}
