import { isVendorError } from './errors.js';
import type { ItemOutcome } from './types.js';

/**
 * Runs `work` for each id in order and reports one outcome per id, so a
 * several-room call can fail partly. A vendor error becomes that item's
 * failure; any other error is a bug and propagates.
 */
export async function settleEach<T>(
  ids: readonly string[],
  work: (id: string) => Promise<T>,
): Promise<ItemOutcome<T>[]> {
  const outcomes: ItemOutcome<T>[] = [];
  for (const id of ids) {
    try {
      outcomes.push({ id, ok: true, value: await work(id) });
    } catch (error) {
      if (isVendorError(error)) outcomes.push({ id, ok: false, error });
      else throw error;
    }
  }
  return outcomes;
}
