/**
 * The gateway transport's half of the adapter core: a discord.js interaction
 * as a DiscordInteraction, and a Responder over discord.js's own reply
 * methods (they send the same callback and webhook calls as the HTTP
 * transport, with discord.js's rate-limit handling).
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  ComponentType,
  type InteractionReplyOptions,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { placeOf, principalOf } from './identity.js';
import type { DiscordInteraction, MessageBody, Responder } from './interaction.js';
import { typedInvocation } from './typed-options.js';

type Handled =
  ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction | ModalSubmitInteraction;

export function fromGateway(
  interaction: Interaction,
): { interaction: DiscordInteraction; source: Handled } | undefined {
  if (
    !interaction.isChatInputCommand() &&
    !interaction.isAutocomplete() &&
    !interaction.isButton() &&
    !interaction.isModalSubmit()
  )
    return undefined;
  const common = {
    id: interaction.id,
    applicationId: interaction.applicationId,
    token: interaction.token,
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    principal: principalOf(interaction),
    place: placeOf(interaction),
  };
  if (interaction.isButton()) {
    return {
      source: interaction,
      interaction: {
        ...common,
        kind: 'button',
        customId: interaction.customId,
        messageId: interaction.message.id,
      },
    };
  }
  if (interaction.isModalSubmit()) {
    const fields: Record<string, string> = {};
    for (const [id, field] of interaction.fields.fields)
      if (field.type === ComponentType.TextInput) fields[id] = field.value;
    return {
      source: interaction,
      interaction: {
        ...common,
        kind: 'modal',
        customId: interaction.customId,
        fields,
        ...(interaction.message ? { messageId: interaction.message.id } : {}),
      },
    };
  }
  const { focused, ...typed } = typedInvocation(
    interaction.options.data as Parameters<typeof typedInvocation>[0],
  );
  if (interaction.isAutocomplete()) {
    return {
      source: interaction,
      interaction: { ...common, kind: 'autocomplete', typed, focused: focused ?? { name: '', value: '' } },
    };
  }
  return { source: interaction, interaction: { ...common, kind: 'command', typed } };
}

function options(body: MessageBody): InteractionReplyOptions {
  return {
    ...(body.content !== undefined ? { content: body.content } : {}),
    ...(body.embeds ? { embeds: body.embeds } : {}),
    ...(body.components ? { components: body.components } : {}),
    ...(body.flags ? { flags: body.flags as InteractionReplyOptions['flags'] } : {}),
    allowedMentions: body.allowed_mentions,
  };
}

export function gatewayResponder(source: Handled): Responder {
  const repliable = () => {
    if (source.isAutocomplete()) throw new Error('autocomplete interactions take choices only');
    return source;
  };
  return {
    async initial(response) {
      if (response.type === 8) {
        if (!source.isAutocomplete()) throw new Error('choices answer autocomplete only');
        await source.respond(response.data.choices);
        return;
      }
      const target = repliable();
      if (response.type === 9) {
        if (target.isModalSubmit()) throw new Error('a modal cannot answer a modal submit');
        await target.showModal(response.data);
        return;
      }
      if (response.type === 4) await target.reply(options(response.data));
      else if (response.type === 5)
        await target.deferReply(response.data.flags ? { flags: response.data.flags as 64 } : {});
      else if (response.type === 6 && target.isModalSubmit()) await target.deferUpdate();
      else if (!target.isButton()) throw new Error(`response type ${response.type} is for components only`);
      else if (response.type === 6) await target.deferUpdate();
      else
        await target.update({ ...options(response.data), flags: undefined } as Parameters<
          ButtonInteraction['update']
        >[0]);
    },
    async editOriginal(body) {
      const message = await repliable().editReply({ ...options(body), flags: undefined } as Parameters<
        ChatInputCommandInteraction['editReply']
      >[0]);
      return { id: message.id, channelId: message.channelId };
    },
    async deleteOriginal() {
      await repliable().deleteReply();
    },
    async followUp(body) {
      await repliable().followUp(options(body));
    },
    ignore() {},
  };
}
