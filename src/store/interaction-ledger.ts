/**
 * Interaction ids seen, one row each. `insert … on conflict do nothing`
 * touches a row at most once however many replicas receive the same id at
 * once (primary key), so exactly one of them handles it.
 */
import { toMillis } from './rows.js';
import type { SqlDb } from './sql-db.js';
import type { InteractionLedger } from './types.js';
import type { PlatformName } from '../shared/vocabulary.js';

const CLAIM =
  'insert into interaction_receipts (id, platform, received_at) values (?, ?, ?) on conflict (id) do nothing';
const PRUNE = 'delete from interaction_receipts where received_at < ?';

export class SqlInteractionLedger implements InteractionLedger {
  constructor(private readonly db: SqlDb) {}

  async claim(id: string, platform: PlatformName, at: Date): Promise<boolean> {
    const { changes } = await this.db.run(CLAIM, [id, platform, toMillis(at, 'at')]);
    return changes === 1;
  }

  async prune(before: Date): Promise<number> {
    return (await this.db.run(PRUNE, [toMillis(before, 'before')])).changes;
  }
}
