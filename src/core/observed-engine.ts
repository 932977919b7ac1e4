/**
 * Counts what the engine answers for `/metrics` without the engine knowing:
 * a wrapper that reports each handled command and each decision to the
 * Observer, then passes the answer on unchanged.
 *
 * A destructive command counts twice: once as `confirm` when the prompt is
 * shown, and once with its result when someone approves it.
 */
import type { DecisionRequest, EngineApi, InvocationRequest } from './engine-api.js';
import type { Observer } from './observer.js';
import type { PlatformName } from './types.js';
import type { DecisionOutcome, Outcome } from './outcome.js';

export function observeEngine<E extends EngineApi>(engine: E, observer: Observer): E {
  const actions = new Set(engine.commands().map((c) => c.name));
  // An unknown action's name is whatever the user typed: never a label.
  const actionOf = (outcome: Outcome) => (actions.has(outcome.action) ? outcome.action : 'unknown');
  const count = (platform: string, outcome: Outcome) =>
    observer.command(platform, actionOf(outcome), outcomeLabel(outcome));

  const observed: Partial<EngineApi> = {
    async handle(request: InvocationRequest) {
      const outcome = await engine.handle(request);
      count(request.principal.platform, outcome);
      return outcome;
    },
    async decide(request: DecisionRequest) {
      const decided = await engine.decide(request);
      const decision = decisionLabel(decided);
      if (decision) observer.confirmation(decision);
      if (decided.type === 'decided' && decided.outcome) count(request.principal.platform, decided.outcome);
      return decided;
    },
    async expireDue(platforms: readonly PlatformName[]) {
      const expired = await engine.expireDue(platforms);
      for (let i = 0; i < expired.length; i++) observer.confirmation('expired');
      return expired;
    },
  };
  // Everything else passes straight through, including methods added to the engine later.
  return new Proxy(engine, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(observed, property))
        return observed[property as keyof EngineApi];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function outcomeLabel(outcome: Outcome): string {
  switch (outcome.type) {
    case 'result':
      return 'ok';
    case 'confirm':
      return 'confirm';
    case 'dry_run':
      return 'dry_run';
    case 'error':
      return outcome.error.code;
  }
}

function decisionLabel(
  decided: DecisionOutcome,
): 'approved' | 'cancelled' | 'expired' | 'refused' | undefined {
  if (decided.type === 'decided') return decided.decision;
  if (decided.type === 'refused') return 'refused';
  if (decided.type === 'stale' && decided.expiredNow) return 'expired';
  return undefined;
}
