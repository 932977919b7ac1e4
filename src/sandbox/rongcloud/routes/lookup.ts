import { RC_CODES } from '../../../vendors/rongcloud/codes.js';
import { RcFailure } from '../replies.js';
import type { Chatroom, RongcloudState } from '../state.js';

/**
 * The room a room-scoped call names, or RongCloud's 23410 "chatroom not exist"
 * (`chatroom/get.json`). The service's answer on the other room endpoints is
 * unconfirmed; the emulator answers the same 23410 everywhere (convention).
 */
export function roomOf(state: RongcloudState, chatroomId: string): Chatroom {
  const room = state.rooms.get(chatroomId);
  if (!room) throw new RcFailure(RC_CODES.chatroomMissing, 'chatroom not exist');
  return room;
}
