/**
 * Agora Chat's id rules (shared/vendors/agora.md "Identifiers"): room ids are
 * server-assigned numeric strings — or, with the custom-id feature, up to 64
 * of a-z 0-9 (Easemob "create chat room", `roomid`); usernames are 1–64 of
 * a-z 0-9 _ - . (upper case forbidden since March 2025). orgName and appName
 * form the `/{org_name}/{app_name}` path prefix: the console shows them as
 * letters, digits, `-` and `_`.
 */
import type { IdRule, VendorIdRules } from '../id-rules.js';

export const AGORA_IDS: VendorIdRules = {
  room: {
    name: 'an Agora chat room id',
    pattern: /^[a-z0-9]{1,64}$/,
    expected: '1–64 digits or lower-case letters, e.g. 66213271109633',
  },
  user: {
    name: 'an Agora username',
    pattern: /^[a-z0-9_.-]{1,64}$/,
    expected: '1–64 of a-z 0-9 _ - . (lower case), e.g. alice',
  },
};

/** `orgName` and `appName` of an Agora account. */
export const AGORA_APP_PATH_NAME: IdRule = {
  name: 'an Agora org or app name',
  pattern: /^[A-Za-z0-9_-]{1,64}$/,
  expected: '1–64 letters, digits, - or _ as the Agora console shows it',
};
