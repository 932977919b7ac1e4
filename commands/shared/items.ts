import type { RunResult } from '../../src/core/command-spec.js';
import type { ItemOutcome } from '../../src/vendors/types.js';

/** Per-item report of a several-item call, for `error.items` when any failed. */
export function itemReport<T>(outcomes: readonly ItemOutcome<T>[]): NonNullable<RunResult['items']> {
  return outcomes.map((o) => (o.ok ? { id: o.id, ok: true } : { id: o.id, ok: false, ...o.error.toJSON() }));
}

export const okIds = <T>(outcomes: readonly ItemOutcome<T>[]) =>
  outcomes.filter((o) => o.ok).map((o) => o.id);

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
