/**
 * `GET /healthz` (DESIGN.md "HTTP"): 200 only when the store answers and
 * every configured platform is connected; otherwise 503 naming what is not.
 */
import type { EngineApi } from '../core/engine-api.js';
import type { PlatformAdapter } from '../runtime/types.js';

export interface Health {
  ok: boolean;
  store: boolean;
  stopping: boolean;
  platforms: Record<string, { connected: boolean; detail?: string }>;
  problems: string[];
}

export async function checkHealth(
  engine: EngineApi,
  adapters: readonly PlatformAdapter[],
  stopping: boolean,
): Promise<Health> {
  const store = await engine.healthy().catch(() => false);
  const platforms = Object.fromEntries(adapters.map((a) => [a.name, a.status()]));
  const problems: string[] = [];
  if (stopping) problems.push('shutting down');
  if (!store) problems.push('store is not answering');
  for (const [name, s] of Object.entries(platforms))
    if (!s.connected) problems.push(`${name} is not connected${s.detail ? ` (${s.detail})` : ''}`);
  return { ok: problems.length === 0, store, stopping, platforms, problems };
}
