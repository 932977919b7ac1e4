/**
 * Tab completion: the action first, then an account, then room ids of that
 * account (from the engine's short-lived room cache).
 */
import type { CompleterResult } from 'node:readline';
import type { EngineApi } from '../../core/engine-api.js';
import type { Place, Principal } from '../../core/types.js';

/** Whose shell it is: completion is asked for like any other suggestion. */
export interface Completing {
  principal: Principal;
  place: Place;
}
import { terminalSafe } from '../../render/terminal-safe.js';

type AsyncCompleter = (line: string, callback: (err: Error | null, result: CompleterResult) => void) => void;

export function completer(engine: EngineApi, who: Completing): AsyncCompleter {
  return (line, callback) => {
    candidates(engine, who, line).then(
      (result) => callback(null, result),
      () => callback(null, [[], line]),
    );
  };
}

export async function candidates(engine: EngineApi, who: Completing, line: string): Promise<CompleterResult> {
  const words = line.split(/\s+/);
  const current = words[words.length - 1] ?? '';
  const match = (options: string[]) => options.filter((o) => o.startsWith(current));
  if (words.length <= 1) return [match(engine.commands().map((c) => c.name)), current];
  const spec = engine.commands().find((c) => c.name === words[0]!.toLowerCase());
  if (!spec) return [[], current];
  if (!spec.takesAccount) {
    return [
      words.length === 2 && spec.name === 'help' ? match(engine.commands().map((c) => c.name)) : [],
      current,
    ];
  }
  if (words.length === 2) return [match(engine.accountNames().map((a) => a.name)), current];
  if (words.length === 3) {
    const rooms = await engine.suggestRooms({ ...who, account: words[1]!, typed: '', limit: 100 });
    // An id with control characters could not be typed as a command anyway, and listing it would
    // write them to the terminal.
    return [match(rooms.map((r) => r.id).filter((id) => terminalSafe(id) === id)), current];
  }
  return [[], current];
}
