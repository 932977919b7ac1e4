/**
 * Builds the client for an account. Each vendor's module loads on first use,
 * so a process that talks to one vendor (or none, for `help`) does not pay for
 * the other three. With a recorder the client records its requests instead of
 * sending them (`--dry-run`).
 */
import type { AccountConfig } from './account.js';
import type { RecordedRequest, VendorHttpObserver } from './http/types.js';
import type { VendorClient } from './types.js';

export async function createVendorClient(
  name: string,
  account: AccountConfig,
  recorder?: RecordedRequest[],
  observer?: VendorHttpObserver,
): Promise<VendorClient> {
  const options = { ...(recorder ? { recorder } : {}), ...(observer ? { observer } : {}) };
  switch (account.vendor) {
    case 'iflychat':
      return (await import('./iflychat/client.js')).createIflychatClient(account, name, options);
    case 'rongcloud':
      return (await import('./rongcloud/client.js')).createRongcloudClient(account, name, options);
    case 'watchers':
      return (await import('./watchers/client.js')).createWatchersClient(account, name, options);
    case 'agora':
      return (await import('./agora/client.js')).createAgoraClient(account, name, options);
  }
}
