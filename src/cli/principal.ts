import { userInfo } from 'node:os';
import type { Place, Principal } from '../core/types.js';

/** The local user: audited as `shell:<os user>`, not subject to `access:`. */
export function shellPrincipal(): Principal {
  let name = process.env.USER || 'local';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep $USER.
  }
  return { platform: 'shell', id: `shell:${name}`, displayName: name, groups: [] };
}

export const SHELL_PLACE: Place = { platform: 'shell' };
