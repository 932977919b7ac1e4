/**
 * iFlyChat's id rules (shared/vendors/iflychat.md "Identifiers"): room ids are
 * integers assigned by iFlyChat (`0` is the public room); user ids are the
 * host site's own strings (WordPress `"1"`, guests `"0-14358329043yvbs"`), so
 * beyond path safety only a length bound applies.
 */
import type { VendorIdRules } from '../id-rules.js';

export const IFLYCHAT_IDS: VendorIdRules = {
  room: {
    name: 'an iFlyChat room id',
    pattern: /^\d{1,15}$/,
    expected: 'a whole number, e.g. 5 (0 is the public room)',
  },
  user: {
    name: 'an iFlyChat user id',
    pattern: /^.{1,128}$/u,
    expected: 'the site’s user id, at most 128 characters, e.g. 14 or 0-14358329043yvbs',
  },
};
