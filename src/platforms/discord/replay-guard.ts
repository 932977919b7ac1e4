/**
 * An interaction id is handled once (DESIGN.md "Discord HTTP interactions"):
 * the first replica to record it in the store handles it, a replayed
 * delivery is ignored. Ids are forgotten after `RETAIN_MS`, well past the
 * 5 minutes a signed request stays acceptable, so the table stays small.
 */
import type { InteractionLedger } from '../../store/types.js';

const RETAIN_MS = 30 * 60_000;
const PRUNE_EVERY_MS = 60_000;

export class ReplayGuard {
  private lastPrune = 0;

  constructor(
    private readonly ledger: InteractionLedger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** True the first time `id` is seen by any replica sharing the store. */
  async firstDelivery(id: string): Promise<boolean> {
    const now = this.now();
    if (now.getTime() - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now.getTime();
      await this.ledger.prune(new Date(now.getTime() - RETAIN_MS));
    }
    return this.ledger.claim(id, 'discord', now);
  }
}
