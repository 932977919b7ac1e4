/**
 * Vendor settings that more than one action accepts (create and update),
 * declared once so their validation and help cannot drift apart.
 */
import { z } from 'zod';
import type { SettingSpec } from '../../src/core/command-spec.js';
import { booleanValue, intValue } from '../../src/core/parse/index.js';

/** iFlyChat's room flags (shared/vendors/iflychat.md §2.1). */
export const IFLYCHAT_ROOM_FLAGS: Record<string, SettingSpec> = {
  room_role: {
    schema: z.string().regex(/^\d{1,9}$/, 'expected a role id number, e.g. 0'),
    description: 'role id allowed in (create: default 0)',
  },
  room_private: { schema: booleanValue, description: 'private room' },
  room_moderate: { schema: booleanValue, description: 'messages need approval' },
};

/** RongCloud's room lifetime (shared/vendors/rongcloud.md §4). */
export const RONGCLOUD_LIFECYCLE: Record<string, SettingSpec> = {
  destroyType: {
    schema: z
      .enum(['0', '1'], 'expected 0 (destroy when idle) or 1 (destroy at a fixed time)')
      .transform(Number),
    description: '0 idle-destroy, 1 fixed-time',
  },
  destroyTime: { schema: intValue(60, 10080), description: 'minutes (60–10080)' },
};
