/**
 * `GET /readyz` (and `/healthz`, kept as its alias; DESIGN.md "Operations"):
 * 200 only when the store answers, its migrations are all applied, every
 * configured platform is ready, and shutdown has not begun; otherwise 503
 * with JSON naming what is not. `/livez` needs none of this: it answers
 * while the process can answer at all.
 */
import type { PlatformAdapter } from '../runtime/types.js';
import type { Store } from '../store/types.js';

export interface Health {
  ok: boolean;
  store: boolean;
  /** Migrations this version needs that the database lacks (empty when up to date or unknown). */
  pendingMigrations: string[];
  stopping: boolean;
  platforms: Record<string, { connected: boolean; detail?: string }>;
  problems: string[];
}

export async function checkHealth(
  store: Pick<Store, 'healthy' | 'pendingMigrations'>,
  adapters: readonly PlatformAdapter[],
  stopping: boolean,
): Promise<Health> {
  const [reachable, pending] = await Promise.all([
    store.healthy().catch(() => false),
    store.pendingMigrations().catch(() => undefined),
  ]);
  const platforms = Object.fromEntries(adapters.map((a) => [a.name, a.status()]));
  const problems: string[] = [];
  if (stopping) problems.push('shutting down');
  if (!reachable) problems.push('store is not answering');
  else if (pending === undefined) problems.push('store migrations could not be read');
  else if (pending.length > 0) problems.push(`store migrations not applied: ${pending.join(', ')}`);
  for (const [name, s] of Object.entries(platforms))
    if (!s.connected) problems.push(`${name} is not connected${s.detail ? ` (${s.detail})` : ''}`);
  return {
    ok: problems.length === 0,
    store: reachable,
    pendingMigrations: pending ?? [],
    stopping,
    platforms,
    problems,
  };
}
