/**
 * The one router of the four emulators: Express-like patterns
 * (`/api/1.1/room/:id/edit`), one path segment per `:name`, an optional
 * trailing slash, parameters percent-decoded. It also says which methods a
 * path has, so an emulator can answer a wrong verb as its vendor does
 * (iFlyChat 405, Agora 500 unsupported_service_operation).
 */
import type { Route } from './types.js';

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  keys: string[];
}

export class RouteMatcher {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map(compile);
  }

  /** The first route declared for this method and path, with its parameters. */
  match(method: string, path: string): RouteMatch | undefined {
    for (const { route, regex, keys } of this.compiled) {
      if (route.method !== method) continue;
      const m = regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      keys.forEach((key, i) => {
        params[key] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  }

  /** Methods some route accepts on this path (empty for an unknown path). */
  methodsFor(path: string): string[] {
    const methods = new Set<string>();
    for (const { route, regex } of this.compiled) if (regex.test(path)) methods.add(route.method);
    return [...methods];
  }
}

function compile(route: Route): CompiledRoute {
  const keys: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      keys.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, regex: new RegExp(`^${source}/?$`), keys };
}
