import { toggleCommand } from './shared/toggle.js';

export const voice = toggleCommand({
  name: 'voice',
  summary: 'Turn a room’s voice chat on or off (Watchers.io)',
  usage: 'voice <account> <room> on|off',
  examples: [{ text: 'voice watch match-day on', vendor: 'watchers' }],
  operation: 'voice',
  kindWhen: { on: 'write', off: 'write' },
  describe: (on, room, account) => `Turn voice chat ${on ? 'on' : 'off'} in ${room} on ${account}`,
  call: (client, args) => client.setVoice(args.room, args.enabled),
  done: (on, room, account) => `Voice chat is ${on ? 'on' : 'off'} in ${room} on ${account}`,
});
