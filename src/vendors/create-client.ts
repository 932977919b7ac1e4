/**
 * Builds the client for an account. With a recorder the client records its
 * requests instead of sending them (`--dry-run`).
 */
import type { AccountConfig } from './account.js';
import { createAgoraClient } from './agora/client.js';
import type { RecordedRequest } from './http/types.js';
import { createIflychatClient } from './iflychat/client.js';
import { createRongcloudClient } from './rongcloud/client.js';
import type { VendorClient } from './types.js';
import { createWatchersClient } from './watchers/client.js';

export function createVendorClient(name: string, account: AccountConfig, recorder?: RecordedRequest[]): VendorClient {
  const options = recorder ? { recorder } : {};
  switch (account.vendor) {
    case 'iflychat':
      return createIflychatClient(account, name, options);
    case 'rongcloud':
      return createRongcloudClient(account, name, options);
    case 'watchers':
      return createWatchersClient(account, name, options);
    case 'agora':
      return createAgoraClient(account, name, options);
  }
}
