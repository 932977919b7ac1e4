/**
 * RongCloud's id rules: `chatroomId` is the caller's string of at most 64
 * characters — letters, digits and + = - _ (RongCloud server API, "create
 * chatroom"; shared/vendors/rongcloud.md §4 says letters and digits, ≤64 bytes,
 * and the Java SDK checks the length) — and `userId` at most 64 of letters,
 * digits and + | = - _ (RongCloud "register user").
 */
import type { VendorIdRules } from '../id-rules.js';

export const RONGCLOUD_IDS: VendorIdRules = {
  room: {
    name: 'a RongCloud chatroomId',
    pattern: /^[A-Za-z0-9+=_-]{1,64}$/,
    expected: '1–64 letters, digits, + = - or _, e.g. lobby-42',
  },
  user: {
    name: 'a RongCloud userId',
    pattern: /^[A-Za-z0-9+|=_-]{1,64}$/,
    expected: '1–64 letters, digits, + | = - or _, e.g. host1',
  },
};
