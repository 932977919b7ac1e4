import type { IncomingHttpHeaders } from 'node:http';

/** A request as an emulator handler sees it: body already decoded. */
export interface EmulatorRequest {
  method: string;
  /** Path without the query string, percent-decoded per segment by the router. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** `content-type` without parameters, lower-case ('' when absent). */
  contentType: string;
  /** JSON value, or for form/multipart bodies a record whose repeated keys become arrays. */
  body: unknown;
  rawBody: string;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON unless `text` is given. */
  json?: unknown;
  text?: string;
}

export type Handler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface Route {
  method: string;
  /** Express-like pattern: `/api/1.1/room/:id/edit`. */
  pattern: string;
  handler: Handler;
  /** Rate-limit bucket; defaults to `METHOD pattern` (per endpoint, as the vendors limit). */
  bucket?: string;
}

/**
 * `delay` waits before the handler runs (nothing done yet); `delay_after` runs
 * it, then waits before answering; `variant` runs it and, when it succeeded,
 * answers `json` instead (another documented or observed shape of the reply).
 */
export type FaultKind = 'status' | 'rate_limit' | 'delay' | 'delay_after' | 'malformed' | 'reset' | 'variant';

/** A fault injected on demand; it hits the next `count` matching requests. */
export interface Fault {
  kind: FaultKind;
  /** Substring of the path (or a regex source with `/…/`) the fault applies to; all paths when absent. */
  path?: string;
  /** How many requests it hits (default 1). */
  count?: number;
  /** For `status`: the HTTP status (default 503). */
  status?: number;
  /** For `rate_limit`: the Retry-After seconds (default 1). */
  retryAfter?: number;
  /** For `variant`: the body sent instead of the handler's successful one. */
  json?: unknown;
  /** For `delay` / `delay_after`: milliseconds before the handler runs / before the answer (default 5000). */
  delayMs?: number;
}

export interface RecordedEmulatorRequest {
  method: string;
  path: string;
  at: number;
  status: number;
}
