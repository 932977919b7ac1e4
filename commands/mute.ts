import { toggleCommand } from './shared/toggle.js';

export const mute = toggleCommand({
  name: 'mute',
  summary: 'Mute or unmute everyone in a room (RongCloud, Agora Chat)',
  usage: 'mute <account> <room> [on|off]',
  examples: [
    { text: 'mute agora 66213271109633', note: 'on by default; asks for confirmation' },
    { text: 'mute rong lobby-42 on', vendor: 'rongcloud' },
    { text: 'mute rong lobby-42 off', vendor: 'rongcloud' },
  ],
  operation: 'mute',
  defaultEnabled: true,
  kindWhen: { on: 'destructive', off: 'write' },
  describe: (on, room, account) =>
    on
      ? `Mute everyone in ${room} on ${account}: nobody can send messages until it is unmuted.`
      : `Unmute ${room} on ${account}`,
  confirmLabel: () => 'Mute room',
  call: (client, args) => client.setMuteAll(args.room, args.enabled),
  done: (on, room, account) => `${room} on ${account} is ${on ? 'muted' : 'unmuted'}`,
});
