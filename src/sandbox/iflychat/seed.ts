/**
 * The sandbox's starting world, the same at every start so the sandbox is
 * predictable: three created rooms with different roles and flags (room `0`,
 * the built-in public room, exists without being created), a few users online,
 * and a short history with fixed real timestamps (seconds, as iFlyChat stores them).
 */
import { type IflychatState, PUBLIC_ROOM_ID, type SiteUser, type StoredMessage } from './state.js';

const avatar = '/sites/all/modules/drupalchat/themes/light/images/default_avatar.png';

const user = (user_id: string, user_name: string, user_role: string): SiteUser => ({
  user_id,
  user_name,
  user_role,
  user_status: '1',
  user_avatar_url: avatar,
  user_profile_url: 'javascript:void(0)',
});

export const SEED_USERS = {
  maya: user('1', 'Maya Chen', 'admin'),
  ravi: user('14', 'Ravi Patel', 'authenticated'),
  lena: user('27', 'Lena Hoffmann', 'moderator'),
  guest: user('0-17489213305kqzd', 'Guest Omar', 'anonymous'),
};

/** 2025-06-02T09:15:00Z — the first seeded message. */
export const SEED_HISTORY_START = 1748855700;

export function seedState(state: IflychatState): void {
  const lobby = state.createRoom({
    room_name: 'Lobby',
    room_role: '0',
    room_private: '0',
    room_moderate: '0',
  });
  const support = state.createRoom({
    room_name: 'Support desk',
    room_role: '2',
    room_private: '1',
    room_moderate: '0',
  });
  const launch = state.createRoom({
    room_name: 'Launch party',
    room_role: '2',
    room_private: '0',
    room_moderate: '1',
  });

  state.setOnline(PUBLIC_ROOM_ID, SEED_USERS.guest);
  state.setOnline(lobby.room_id, SEED_USERS.maya);
  state.setOnline(lobby.room_id, SEED_USERS.ravi);
  state.setOnline(lobby.room_id, SEED_USERS.guest);
  state.setOnline(support.room_id, SEED_USERS.lena);

  const t = SEED_HISTORY_START;
  const room = (roomId: number, time: number, from: SiteUser, message: string): StoredMessage => ({
    message_id: `m_${from.user_id}_c-${roomId}_${time * 1000 + 313}`,
    time,
    from_id: from.user_id,
    from_name: from.user_name,
    message,
    room_id: roomId,
  });
  state.messages.push(
    room(PUBLIC_ROOM_ID, t, SEED_USERS.guest, 'hello, is anyone here?'),
    room(lobby.room_id, t + 60, SEED_USERS.maya, 'Welcome to the lobby! Launch is on Friday.'),
    room(lobby.room_id, t + 150, SEED_USERS.ravi, 'Will the recording be shared afterwards?'),
    room(lobby.room_id, t + 3_600, SEED_USERS.maya, 'Yes, the recording goes up the same day.'),
    room(support.room_id, t + 7_200, SEED_USERS.lena, 'Support desk is open until 18:00 UTC.'),
    room(launch.room_id, t + 86_400, SEED_USERS.ravi, 'Countdown starts now 🎉'),
    {
      message_id: `m_${SEED_USERS.maya.user_id}_${SEED_USERS.ravi.user_id}_${(t + 200) * 1000 + 42}`,
      time: t + 200,
      from_id: SEED_USERS.maya.user_id,
      from_name: SEED_USERS.maya.user_name,
      to_id: SEED_USERS.ravi.user_id,
      to_name: SEED_USERS.ravi.user_name,
      message: 'Can you check the stream key before Friday?',
    },
  );
}
