/**
 * Autocomplete for `account` and `room`, asked of the engine as the person
 * typing, where they type (DESIGN.md "Access applies everywhere"): only
 * accounts they may read there, and rooms only of such an account (else no
 * choices and no vendor call). Outside a server there are no choices, as
 * `/room` itself works in servers only. Discord drops an answer that comes
 * after 3 seconds, so the room lookup races a 2-second timer and an empty
 * list is answered when it loses.
 */
import type { SuggestionRequest } from '../../core/engine-api.js';
import { DISCORD_LIMITS as L, truncate } from '../../render/discord/limits.js';
import type { HandlerContext } from './context.js';
import type { Choice, DiscordInteraction, Responder } from './interaction.js';
import { errorFields } from './log-error.js';

export const SUGGEST_DEADLINE_MS = 2000;

type Autocomplete = Extract<DiscordInteraction, { kind: 'autocomplete' }>;

export async function handleAutocomplete(
  interaction: Autocomplete,
  respond: Responder,
  ctx: HandlerContext,
): Promise<void> {
  const { focused } = interaction;
  const request: SuggestionRequest = {
    principal: interaction.principal,
    place: interaction.place,
    typed: focused.value.trim(),
  };
  let choices: Choice[] = [];
  // Outside a server there are no choices: /room itself works in servers only.
  if (interaction.guildId && focused.name === 'account') choices = accountChoices(ctx, request);
  else if (interaction.guildId && focused.name === 'room')
    choices = await roomChoices(interaction, ctx, request);
  await respond.initial({ type: 8, data: { choices: choices.slice(0, L.choices) } });
}

function accountChoices(ctx: HandlerContext, request: SuggestionRequest): Choice[] {
  const needle = request.typed.toLowerCase();
  return ctx.engine
    .suggestAccounts(request)
    .sort(
      (a, b) =>
        Number(!a.name.toLowerCase().startsWith(needle)) - Number(!b.name.toLowerCase().startsWith(needle)),
    )
    .filter((a) => a.name.length <= L.choiceValue)
    .map((a) => ({ name: truncate(`${a.name} (${a.vendor})`, L.choiceName), value: a.name }));
}

async function roomChoices(
  interaction: Autocomplete,
  ctx: HandlerContext,
  request: SuggestionRequest,
): Promise<Choice[]> {
  const account = interaction.typed.options.account;
  if (typeof account !== 'string' || account.length === 0) return [];
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<[]>((resolve) => {
    timer = setTimeout(() => resolve([]), SUGGEST_DEADLINE_MS);
  });
  try {
    const rooms = await Promise.race([
      ctx.engine.suggestRooms({ ...request, account, limit: L.choices }),
      deadline,
    ]);
    return rooms
      .filter((r) => r.id.length > 0 && r.id.length <= L.choiceValue)
      .map((r) => ({
        name: truncate(r.name && r.name !== r.id ? `${r.id} — ${r.name}` : r.id, L.choiceName),
        value: r.id,
      }));
  } catch (error) {
    ctx.logger.warn({ ...errorFields(error), account }, 'discord: room suggestions failed');
    return [];
  } finally {
    clearTimeout(timer);
  }
}
