export type { FakeMessage } from './messages.js';
export {
  type Actor,
  APP_ID,
  autocomplete,
  BOT_USER_ID,
  buttonClick,
  CHANNEL_ID,
  COMMAND_ID,
  chatInput,
  GUILD_ID,
  modalSubmit,
  type Where,
} from './payloads.js';
export { FakeDiscord, type FakeDiscordOptions, type RecordedCall, type SentInteraction } from './server.js';
export {
  DiscordInteractionSender,
  generateSigningKey,
  type PostedInteraction,
  type SigningKey,
  signRequest,
} from './http-interactions.js';
