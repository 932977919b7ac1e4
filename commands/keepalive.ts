import { toggleCommand } from './shared/toggle.js';

export const keepalive = toggleCommand({
  name: 'keepalive',
  summary: 'Keep a room from being destroyed when idle, or stop keeping it (RongCloud)',
  usage: 'keepalive <account> <room> on|off',
  examples: [
    { text: 'keepalive rong lobby-42 on', vendor: 'rongcloud' },
    {
      text: 'keepalive rong lobby-42 off',
      vendor: 'rongcloud',
      note: 'asks for confirmation: the room may then be destroyed when idle',
    },
  ],
  operation: 'keepalive',
  kindWhen: { on: 'write', off: 'destructive' },
  describe: (on, room, account) =>
    on
      ? `Keep ${room} on ${account} alive`
      : `Stop keeping ${room} on ${account} alive: RongCloud destroys it once it has been idle for its lifetime (60 minutes by default).`,
  confirmLabel: () => 'Stop keep-alive',
  call: (client, args) => client.setKeepAlive(args.room, args.enabled),
  done: (on, room, account) => `${room} on ${account} is ${on ? 'kept alive' : 'no longer kept alive'}`,
});
