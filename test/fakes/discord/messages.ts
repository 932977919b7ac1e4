/**
 * The fake's memory of the messages the bot made: interaction responses
 * (keyed by the interaction token's `@original`), follow-ups and channel
 * messages, so tests can look at what a channel would show now.
 */
import { BOT_USER_ID, CHANNEL_ID } from './payloads.js';
import { snowflake } from './snowflake.js';

type Json = Record<string, unknown>;

export interface FakeMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
  deleted: boolean;
  /** Every body this message was created or edited with, in order. */
  history: Json[];
}

export class MessageBook {
  readonly byId = new Map<string, FakeMessage>();
  /** Interaction token → id of its original response message. */
  readonly original = new Map<string, string>();

  create(channelId: string, data: Json, flags = 0): FakeMessage {
    const message: FakeMessage = {
      id: snowflake(),
      channelId,
      content: '',
      embeds: [],
      components: [],
      flags,
      deleted: false,
      history: [],
    };
    this.byId.set(message.id, message);
    this.apply(message, data);
    return message;
  }

  /** A message the test says exists (the one a button sits on). */
  adopt(id: string, channelId: string): FakeMessage {
    const existing = this.byId.get(id);
    if (existing) return existing;
    const message: FakeMessage = {
      id,
      channelId,
      content: '',
      embeds: [],
      components: [],
      flags: 0,
      deleted: false,
      history: [],
    };
    this.byId.set(id, message);
    return message;
  }

  apply(message: FakeMessage, data: Json): void {
    if (typeof data.content === 'string') message.content = data.content;
    if (Array.isArray(data.embeds)) message.embeds = data.embeds as Json[];
    if (Array.isArray(data.components)) message.components = data.components as Json[];
    if (typeof data.flags === 'number') message.flags = data.flags | (message.flags & 64);
    message.history.push(data);
  }

  toApi(message: FakeMessage): Json {
    return {
      id: message.id,
      channel_id: message.channelId ?? CHANNEL_ID,
      type: 0,
      content: message.content,
      author: { id: BOT_USER_ID, username: 'opsbot', discriminator: '0', bot: true, avatar: null },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      embeds: message.embeds,
      components: message.components,
      attachments: [],
      flags: message.flags,
      webhook_id: undefined,
    };
  }
}
