/**
 * The transport-neutral shape of a Discord interaction and of the ways to
 * answer it. The gateway transport (discord.js) and the HTTP transport (raw
 * JSON at `POST /discord/interactions`) both produce these, so the handlers
 * (slash-command.ts, autocomplete.ts, buttons.ts, modal-submit.ts) are written once, as Bolt
 * writes its listeners once over several receivers.
 */
import type { APIEmbed, APIModalInteractionResponseCallbackData } from 'discord.js';
import type { TypedOptions } from '../../core/engine-api.js';
import type { Place, Principal } from '../../core/types.js';
import type { ButtonRow } from '../../render/discord/index.js';

interface Common {
  id: string;
  applicationId: string;
  /** The interaction token: never logged (it authorizes webhook edits for 15 minutes). */
  token: string;
  channelId?: string;
  guildId?: string;
  principal: Principal;
  place: Place;
}

export type DiscordInteraction =
  | (Common & { kind: 'command'; typed: { action: string; options: TypedOptions } })
  | (Common & {
      kind: 'autocomplete';
      typed: { action: string; options: TypedOptions };
      focused: { name: string; value: string };
    })
  | (Common & { kind: 'button'; customId: string; messageId?: string })
  /** A submitted modal (MODAL_SUBMIT): its custom_id, the text inputs by custom_id, the message it was opened from. */
  | (Common & { kind: 'modal'; customId: string; fields: Record<string, string>; messageId?: string });

export const NO_MENTIONS = { parse: [] as [] };
export const EPHEMERAL = 64;

/** A message as Discord's API takes it (snake_case). */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: ButtonRow[];
  allowed_mentions: typeof NO_MENTIONS;
  flags?: number;
}

export interface Choice {
  name: string;
  value: string;
}

/** Interaction response types (Discord docs, receiving-and-responding "Interaction Callback Type"). */
export type InitialResponse =
  | { type: 4; data: MessageBody }
  | { type: 5; data: { flags?: number } }
  | { type: 6 }
  | { type: 7; data: MessageBody }
  | { type: 8; data: { choices: Choice[] } }
  /** A modal: only as the first answer, never after a defer (Discord answers 40060 then). */
  | { type: 9; data: ModalData };

/** Discord docs, receiving-and-responding "Modal": custom_id 1–100, title ≤ 45, 1–5 components. */
export type ModalData = APIModalInteractionResponseCallbackData;

/** What a transport does for the handlers; the first call must be `initial`, once. */
export interface Responder {
  initial(response: InitialResponse): Promise<void>;
  /** Edits the original response (after 6: the message the button is on); returns its ids when known. */
  editOriginal(body: MessageBody): Promise<{ id: string; channelId?: string } | undefined>;
  deleteOriginal(): Promise<void>;
  followUp(body: MessageBody): Promise<void>;
  /** A replayed delivery: answer the transport, do nothing else. */
  ignore(): void;
}
