export { FakeDiscord, type RecordedCall, type SentInteraction, type FakeDiscordOptions } from './server.js';
export { APP_ID, BOT_USER_ID, CHANNEL_ID, GUILD_ID, COMMAND_ID, chatInput, autocomplete, buttonClick, type Actor } from './payloads.js';
export type { FakeMessage } from './messages.js';
