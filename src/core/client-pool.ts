/**
 * One vendor client per configured account, built on first use and reused,
 * so each account keeps its keep-alive pool and its pacing across commands.
 * Dry runs get a throwaway client that records instead of sending.
 */
import type { AccountConfig } from '../vendors/account.js';
import { createVendorClient } from '../vendors/create-client.js';
import type { RecordedRequest, VendorHttpObserver } from '../vendors/http/types.js';
import type { VendorClient } from '../vendors/types.js';
import type { AccountRef } from './command-spec.js';

export class ClientPool {
  private readonly refs: Map<string, AccountRef>;
  private readonly clients = new Map<string, Promise<VendorClient>>();

  constructor(
    accounts: Readonly<Record<string, AccountConfig>>,
    private readonly observer?: VendorHttpObserver,
  ) {
    this.refs = new Map(
      Object.entries(accounts).map(([name, config]) => [name, { name, vendor: config.vendor, config }]),
    );
  }

  accounts(): AccountRef[] {
    return [...this.refs.values()];
  }

  accountMap(): ReadonlyMap<string, AccountRef> {
    return this.refs;
  }

  client(account: string): Promise<VendorClient> {
    let client = this.clients.get(account);
    if (!client) {
      const ref = this.refs.get(account);
      if (!ref) throw new Error(`no account ${account}`);
      client = createVendorClient(ref.name, ref.config, undefined, this.observer);
      this.clients.set(account, client);
    }
    return client;
  }

  dryRunClient(account: string, recorder: RecordedRequest[]): Promise<VendorClient> {
    const ref = this.refs.get(account);
    if (!ref) throw new Error(`no account ${account}`);
    return createVendorClient(ref.name, ref.config, recorder);
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map(async (c) => (await c).close()));
    this.clients.clear();
  }
}
